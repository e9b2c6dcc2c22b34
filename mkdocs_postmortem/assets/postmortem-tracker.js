/* mkdocs-postmortem: sorting and filtering of the action tracker.
 *
 * The tracker page's content names this script, so Material's instant
 * navigation runs it again on every visit; a tracker already set up is left
 * alone. Filters: chips by owner, service and status (several chips of a group
 * widen it, groups narrow each other), `?incident=ID` from a postmortem's
 * header, and `#owner-NAME` links, which press that owner's chip.
 */
(function () {
  "use strict";

  function all(root, selector) {
    return Array.prototype.slice.call(root.querySelectorAll(selector));
  }

  function setUp(tracker) {
    if (tracker.getAttribute("data-ready") === "true") return;
    tracker.setAttribute("data-ready", "true");
    var chips = all(tracker, "button.postmortem-filter");
    var rows = all(tracker, "table[data-postmortem-table=tracker] tbody tr");
    var state = tracker.querySelector(".postmortem-filter-state");
    var incident = new URLSearchParams(window.location.search).get("incident");

    function pressed(kind) {
      return chips.filter(function (chip) {
        return chip.getAttribute("data-filter") === kind && chip.getAttribute("aria-pressed") === "true";
      }).map(function (chip) { return chip.getAttribute("data-value"); });
    }

    function shown(row, owners, services, statuses) {
      if (incident && row.getAttribute("data-postmortem-id") !== incident) return false;
      if (owners.length && owners.indexOf(row.getAttribute("data-owner")) < 0) return false;
      if (statuses.length && statuses.indexOf(row.getAttribute("data-status")) < 0) return false;
      if (!services.length) return true;
      return JSON.parse(row.getAttribute("data-services") || "[]").some(function (name) {
        return services.indexOf(name) >= 0;
      });
    }

    // The open items and the closed ones (done, won't do) are counted apart: the line
    // stands above the open items, and the closed ones are folded away below them.
    function isClosed(row) { return row.closest(".postmortem-tracker-closed") !== null; }
    var closedTotal = rows.filter(isClosed).length;

    function filter() {
      var owners = pressed("owner"), services = pressed("service"), statuses = pressed("status");
      var openShown = 0, closedShown = 0;
      rows.forEach(function (row) {
        row.hidden = !shown(row, owners, services, statuses);
        if (!row.hidden) {
          if (isClosed(row)) closedShown += 1; else openShown += 1;
        }
      });
      if (!state) return;
      state.textContent = (incident ? tracker.getAttribute("data-label-incident").replace("{incident}", incident) + " " : "")
        + tracker.getAttribute("data-label-shown").replace("{shown}", openShown).replace("{total}", rows.length - closedTotal)
          .replace("{closed_shown}", closedShown).replace("{closed_total}", closedTotal) + " ";
      if (incident || owners.length || services.length || statuses.length) {
        var clear = document.createElement("a");
        clear.href = window.location.pathname;
        clear.textContent = tracker.getAttribute("data-label-clear");
        state.appendChild(clear);
      }
    }

    function sortBy(header) {
      var table = header.closest("table");
      var column = Array.prototype.indexOf.call(header.parentNode.children, header);
      var ascending = header.getAttribute("aria-sort") !== "ascending";
      all(table, "th[aria-sort]").forEach(function (other) { other.removeAttribute("aria-sort"); });
      header.setAttribute("aria-sort", ascending ? "ascending" : "descending");
      var body = table.tBodies[0];
      var key = function (row) {
        var cell = row.cells[column];
        return cell.getAttribute("data-value") || cell.textContent.trim();
      };
      Array.prototype.slice.call(body.rows).sort(function (a, b) {
        var order = key(a).localeCompare(key(b), undefined, { numeric: true, sensitivity: "base" });
        return ascending ? order : -order;
      }).forEach(function (row) { body.appendChild(row); });
    }

    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        chip.setAttribute("aria-pressed", chip.getAttribute("aria-pressed") === "true" ? "false" : "true");
        filter();
      });
    });
    all(tracker, "th[data-sort]").forEach(function (header) {
      header.addEventListener("click", function () { sortBy(header); });
    });

    function pressOwnerOfHash() {
      var chip = /^#owner-/.test(window.location.hash) ? document.getElementById(window.location.hash.slice(1)) : null;
      if (!chip || chips.indexOf(chip) < 0) return;
      chips.forEach(function (other) {
        if (other.getAttribute("data-filter") === "owner") other.setAttribute("aria-pressed", String(other === chip));
      });
      filter();
    }
    window.addEventListener("hashchange", pressOwnerOfHash);
    filter();
    pressOwnerOfHash();
  }

  all(document, "[data-postmortem-tracker]").forEach(setUp);
})();
