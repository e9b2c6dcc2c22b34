/* mkdocs-postmortem: draws every chart of the page from its JSON.
 *
 * Each chart is a <figure class="postmortem-chart"> holding an empty plot
 * <div> and its figure as JSON in <template><script type="application/json">.
 * The page's <script> tag names plotly.js in data-plotly-src; it is loaded on
 * first use, once. Charts are drawn again after Material's instant navigation
 * (document$), restyled when the light/dark palette changes, and resized with
 * the page. On the first page drawn, Material's search index is asked for
 * once the charts are drawn (holdSearchIndex).
 */
(function () {
  "use strict";

  if (window.postmortemCharts) {
    // Material's instant navigation runs the scripts of each new page again.
    window.postmortemCharts.drawAll();
    return;
  }

  var me = document.currentScript;
  var plotlySrc = me ? new URL(me.getAttribute("data-plotly-src") || "plotly-basic.min.js", me.src).href : null;
  var plotlyLoading = null;
  // The script sits at assets/postmortem/ in the site: page URLs of chart points are relative to the root.
  var siteRoot = me ? new URL("../../", me.src).href : document.baseURI;
  var NARROW = "(max-width: 600px)";
  // On a narrow screen: the width beside the plotting area (the wrapped row names on the left,
  // the right margin), and the width of one character of an 11 px axis title, both generous.
  var NARROW_SIDE_ROOM = 110;
  var NARROW_TITLE_CHAR = 6.2;
  // The longest the search index waits for the first charts (holdSearchIndex).
  var SEARCH_INDEX_HELD_AT_MOST = 3000;

  function loadPlotly() {
    if (window.Plotly) return Promise.resolve(window.Plotly);
    if (plotlyLoading) return plotlyLoading;
    plotlyLoading = new Promise(function (resolve, reject) {
      var tag = document.createElement("script");
      tag.src = plotlySrc;
      tag.async = true;
      tag.onload = function () { resolve(window.Plotly); };
      tag.onerror = function () {
        plotlyLoading = null;
        reject(new Error("postmortem charts: could not load " + plotlySrc));
      };
      document.head.appendChild(tag);
    });
    return plotlyLoading;
  }

  // Plotly fills one stylesheet of its own, <style id="plotly.js-style-global"> in <head>, once,
  // when it loads, and only through insertRule (an empty text): it stacks the layers of a plot
  // and puts the legend and title over it. Material's instant navigation drops every <head>
  // child the next page's <head> lacks, and a removed <style> loses its rules, so every chart
  // drawn after the first instant navigation would be drawn without them. Keep the rules as
  // text while the sheet is there and give the page a copy before drawing when it is gone.
  var PLOTLY_STYLE_ID = "plotly.js-style-global";
  var plotlyCss = "";

  function keepPlotlyStyle() {
    var style = document.getElementById(PLOTLY_STYLE_ID);
    if (style && style.sheet) {
      var rules = Array.prototype.map.call(style.sheet.cssRules, function (rule) { return rule.cssText; });
      if (rules.length) plotlyCss = rules.join("\n");
      return;
    }
    if (style || !plotlyCss) return;
    var copy = document.createElement("style");
    copy.id = PLOTLY_STYLE_ID;
    copy.textContent = plotlyCss;
    document.head.appendChild(copy);
  }

  function cssVar(style, name) {
    return style.getPropertyValue(name).trim();
  }

  function opaque(colour) {
    return colour && colour !== "transparent" && !/rgba\(.*,\s*0\)$/.test(colour);
  }

  // Colours of the current palette: Material's variables, else whatever the theme paints.
  function palette() {
    var body = getComputedStyle(document.body);
    var root = getComputedStyle(document.documentElement);
    var background = cssVar(body, "--md-default-bg-color");
    var text = cssVar(body, "--md-default-fg-color");
    var lines = cssVar(body, "--md-default-fg-color--lightest");
    if (!background) {
      background = opaque(body.backgroundColor) ? body.backgroundColor
        : opaque(root.backgroundColor) ? root.backgroundColor : "#ffffff";
    }
    if (!text) text = body.color || "#222222";
    if (!lines) lines = "rgba(128,128,128,0.3)";
    return { background: background, text: text, lines: lines };
  }

  function themedLayout(layout, colours) {
    var themed = {
      paper_bgcolor: colours.background,
      plot_bgcolor: colours.background,
      "font.color": colours.text,
      "hoverlabel.bgcolor": colours.background,
      "hoverlabel.font.color": colours.text,
      "legend.bgcolor": "rgba(0,0,0,0)"
    };
    Object.keys(layout).forEach(function (key) {
      if (/^[xy]axis\d*$/.test(key)) {
        themed[key + ".gridcolor"] = colours.lines;
        themed[key + ".linecolor"] = colours.lines;
        themed[key + ".zerolinecolor"] = colours.lines;
      }
    });
    return themed;
  }

  function apply(target, updates) {
    // Dotted keys as Plotly.relayout takes them, turned into nested objects for newPlot.
    Object.keys(updates).forEach(function (path) {
      var parts = path.split(".");
      var node = target;
      for (var i = 0; i < parts.length - 1; i++) {
        if (typeof node[parts[i]] !== "object" || node[parts[i]] === null) node[parts[i]] = {};
        node = node[parts[i]];
      }
      node[parts[parts.length - 1]] = updates[path];
    });
    return target;
  }

  function figureOf(chart) {
    var holder = chart.querySelector("template.postmortem-chart__data");
    var script = holder && holder.content ? holder.content.querySelector("script") : null;
    if (!script) return null;
    try {
      return JSON.parse(script.textContent);
    } catch (error) {
      console.warn("postmortem charts: unreadable figure data", error);
      return null;
    }
  }

  // Long category labels on two lines, so that on a phone they leave the plot most of the width.
  function wrapped(label) {
    var text = String(label);
    var middle = Math.floor(text.length / 2);
    var before = text.lastIndexOf(" ", middle);
    var after = text.indexOf(" ", middle);
    var at = before < 0 ? after : (after < 0 || middle - before <= after - middle ? before : after);
    return at < 0 ? text : text.slice(0, at) + "<br>" + text.slice(at + 1);
  }

  // An axis title in lines of at most `most` characters, broken after its commas first ("Local
  // time, / America/New_York, UTC-04:00"), then between words: plotly.js never wraps a title,
  // and one wider than the plot is cut off at the chart's edge.
  function titleLines(text, most) {
    var lines = [];
    function add(piece, separator) {
      var last = lines.length - 1;
      if (last >= 0 && (lines[last] + separator + piece).length <= most) lines[last] += separator + piece;
      else lines.push(piece);
    }
    var parts = String(text).split(", ");
    parts.forEach(function (part, index) {
      var piece = index < parts.length - 1 ? part + "," : part;
      if (piece.length <= most) {
        add(piece, " ");
        return;
      }
      piece.split(" ").forEach(function (word, at) { add(word, at === 0 && !lines.length ? "" : " "); });
    });
    return lines;
  }

  // `width`: the plot's width in CSS pixels; the titles' lines are kept within the plotting area.
  function forNarrowScreens(layout, width) {
    width = width || window.innerWidth;
    var most = Math.max(12, Math.floor((width - NARROW_SIDE_ROOM) / NARROW_TITLE_CHAR));
    var titleRows = 1;
    Object.keys(layout).forEach(function (key) {
      var axis = layout[key];
      if (!/^[xy]axis\d*$/.test(key) || !axis) return;
      if (axis.title && axis.title.text) {
        var lines = titleLines(axis.title.text, most);
        axis.title.text = lines.join("<br>");
        axis.title.font = { size: 11 };
        if (key.charAt(0) === "x") {
          titleRows = Math.max(titleRows, lines.length);
          axis.automargin = true;  // the figure's bottom margin grows to the title's lines
        }
      }
      axis.tickfont = { size: 10 };
      if (key.charAt(0) === "y" && axis.categoryarray) {
        axis.tickmode = "array";
        axis.tickvals = axis.categoryarray;
        axis.ticktext = axis.categoryarray.map(wrapped);
      }
    });
    // Room below the plot for the tick labels (time, then day) and every line of the title.
    if (layout.margin) layout.margin.b = Math.max(layout.margin.b || 0, 56 + 14 * titleRows);
    if (layout.title && layout.title.text) layout.title.font = { size: 14 };
    return layout;
  }

  // A point that names a page (trend charts: each incident) opens it; a link click lets
  // Material's instant navigation handle it like any other link.
  function openPoint(event) {
    var point = event && event.points && event.points[0];
    var target = point && point.customdata;
    if (typeof target !== "string" || !target) return;
    var link = document.createElement("a");
    link.href = new URL(target, siteRoot).href;
    link.style.display = "none";
    document.body.appendChild(link);
    link.click();
    link.remove();
  }

  function draw(Plotly, chart) {
    var plot = chart.querySelector(".postmortem-chart__plot");
    if (!plot || plot.getAttribute("data-drawn") === "true") return null;
    var figure = figureOf(chart);
    if (!figure) return null;
    plot.setAttribute("data-drawn", "true");
    var narrow = window.matchMedia(NARROW).matches;
    plot.postmortemNarrow = narrow;
    return Plotly.newPlot(plot, figure.data || [], layoutFor(figure, narrow, plot.clientWidth), configFor(figure, narrow))
      .then(function () {
        plot.postmortemWidth = plot.clientWidth;
        plot.on("plotly_click", openPoint);
      });
  }

  function layoutFor(figure, narrow, width) {
    var layout = apply(figure.layout || {}, themedLayout(figure.layout || {}, palette()));
    if (narrow) forNarrowScreens(layout, width);
    layout.autosize = true;
    return layout;
  }

  function configFor(figure, narrow) {
    var config = {
      responsive: true,
      displaylogo: false,
      // On a phone the toolbar covers the title; pinch and tap still work.
      displayModeBar: narrow ? false : "hover",
      modeBarButtonsToRemove: ["select2d", "lasso2d"]
    };
    Object.keys(figure.config || {}).forEach(function (key) { config[key] = figure.config[key]; });
    return config;
  }

  function charts() {
    return Array.prototype.slice.call(document.querySelectorAll("figure.postmortem-chart"));
  }

  // Settles once the page's charts are drawn, or could not be.
  function drawAll() {
    var pending = charts();
    if (!pending.length) return Promise.resolve();
    return loadPlotly().then(function (Plotly) {
      keepPlotlyStyle();
      return Promise.all(pending.map(function (chart) { return draw(Plotly, chart); }));
    }).catch(function (error) {
      console.warn(error.message || error);
    });
  }

  // Material's bundle asks for the site's search index at DOMContentLoaded (half a megabyte for
  // this project's own handbook, more for a large one), while plotly.js (1.2 MB) is still on its
  // way: on a slow line the two share it, and the charts wait for bytes that nobody reads before
  // a first search (docs/performance.md). That one request is sent once the first charts are
  // drawn, or could not be, and SEARCH_INDEX_HELD_AT_MOST ms after this script ran at the latest;
  // every other request goes as it comes. Material reads the index when it arrives, as it would
  // on any slow line; a theme without a search index never makes the request held here.
  function holdSearchIndex(until) {
    var xhr = window.XMLHttpRequest && window.XMLHttpRequest.prototype;
    if (!xhr) return;
    var index = new URL("search/search_index.json", siteRoot).href;
    var open = xhr.open;
    var send = xhr.send;
    var held = [];
    var released = false;
    function holdingOpen(method, url) {
      this.postmortemHeld = !released && String(method).toUpperCase() === "GET"
        && new URL(String(url), document.baseURI).href === index;
      return open.apply(this, arguments);
    }
    function holdingSend() {
      if (released || !this.postmortemHeld) return send.apply(this, arguments);
      held.push([this, arguments]);
    }
    function release() {
      if (released) return;
      released = true;
      // Put back what was there, unless another script has wrapped them since.
      if (xhr.open === holdingOpen) xhr.open = open;
      if (xhr.send === holdingSend) xhr.send = send;
      held.forEach(function (request) {
        try {
          send.apply(request[0], request[1]);
        } catch (error) {
          // Aborted by its caller while held: nothing to send.
        }
      });
      held = [];
    }
    xhr.open = holdingOpen;
    xhr.send = holdingSend;
    until.then(release, release);
    window.setTimeout(release, SEARCH_INDEX_HELD_AT_MOST);
  }

  function restyleAll() {
    if (!window.Plotly) return;
    var colours = palette();
    charts().forEach(function (chart) {
      var plot = chart.querySelector(".postmortem-chart__plot");
      if (plot && plot.getAttribute("data-drawn") === "true" && plot.layout) {
        window.Plotly.relayout(plot, themedLayout(plot.layout, colours));
      }
    });
  }

  function resizeAll() {
    if (!window.Plotly) return;
    charts().forEach(function (chart) {
      var plot = chart.querySelector(".postmortem-chart__plot");
      // Only a new width needs a redraw; the body also grows when a <details> opens.
      if (plot && plot.getAttribute("data-drawn") === "true" && plot.offsetParent !== null
          && plot.clientWidth !== plot.postmortemWidth) {
        plot.postmortemWidth = plot.clientWidth;
        var narrow = window.matchMedia(NARROW).matches;
        var figure = narrow || narrow !== plot.postmortemNarrow ? figureOf(chart) : null;
        if (figure) {
          // Titles wrapped for this width, and the phone's or the desktop's layout when the page
          // crossed from one to the other (a window narrowed, a tablet turned).
          plot.postmortemNarrow = narrow;
          window.Plotly.react(plot, figure.data || [], layoutFor(figure, narrow, plot.clientWidth),
            configFor(figure, narrow));
        } else {
          window.Plotly.Plots.resize(plot);
        }
      }
    });
  }

  // Printed pages: open the tables of numbers while printing.
  var openedForPrint = [];
  window.addEventListener("beforeprint", function () {
    openedForPrint = Array.prototype.slice.call(
      document.querySelectorAll("details.postmortem-chart__numbers:not([open])"));
    openedForPrint.forEach(function (details) { details.open = true; });
    resizeAll();
  });
  window.addEventListener("afterprint", function () {
    openedForPrint.forEach(function (details) { details.open = false; });
    openedForPrint = [];
    resizeAll();
  });

  // Palette switches: Material sets data-md-color-* on <body>; MkDocs' theme sets data-bs-theme on <html>.
  var observer = new MutationObserver(function () {
    // The new palette's CSS applies after this task; read it on the next frame.
    window.requestAnimationFrame(restyleAll);
  });
  var watched = { attributes: true, attributeFilter: ["data-md-color-scheme", "data-md-color-primary", "data-bs-theme", "class"] };
  observer.observe(document.documentElement, watched);
  if (document.body) observer.observe(document.body, watched);

  // Containers that change width without a window resize (sidebars, tabs, a <details> opening).
  if (window.ResizeObserver) {
    var resizing = null;
    new ResizeObserver(function () {
      window.cancelAnimationFrame(resizing);
      resizing = window.requestAnimationFrame(resizeAll);
    }).observe(document.body);
  }

  window.postmortemCharts = { drawAll: drawAll, restyleAll: restyleAll, resizeAll: resizeAll };

  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(drawAll);
  }
  // Drawn as soon as plotly.js has run, without waiting for the rest of the page: this script
  // comes after the charts in the page and before the theme's own scripts (Material's bundle),
  // and the <link rel="preload"> in the page's head has been fetching plotly.js since the HTML
  // arrived. Waiting for DOMContentLoaded put the theme's scripts (a fifth of a second of main
  // thread) between plotly.js and the charts; now they run after the charts are drawn.
  // A theme that loads this script from its <head> (extra_javascript) meets the charts
  // only once the page is parsed.
  var firstCharts = drawAll();
  if (charts().length && !window.Plotly) holdSearchIndex(firstCharts);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", drawAll);
})();
