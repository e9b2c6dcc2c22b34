"""The timeline pipeline: from the Markdown blocks of a postmortem to its
timeline entries, their phases and the incident's window, in named stages
that each read what the stage before gave and never call back:

1. blocks (`blocks`): every block that may hold an entry, list item,
   paragraph line, each piece a `<br>` separates, heading, table row, with
   the time that leads it rewritten to one common form (a label or a word
   before it, four digits, a zone before the time, underscore emphasis);
2. temporal mentions (`clock`, `mentions`): the one clock reader, a time as
   written at the start of an entry (`clock`) or anywhere in prose
   (`mentions`), with the zone and the date written with it;
3. scoped context (`scope`): the zone a wider scope names for all the times it
   holds (a time column's header, a heading, a line, a paragraph: "Heure
   (UTC+2)", "## Timeline (times in PDT)", "..., heure de Paris");
4. entries (`entries`, `rows`): the entries of a table, a list, paragraphs or
   headings, under a timeline heading or found by what the blocks hold, in
   time order, each placed on its day and clock;
5. phases and window (`phases`, `window`, `mention_window`): the entry that
   marks each phase, the windows the prose states as ranges, and the start
   and the end every time the document mentions says, by its words;
6. the window's choice (`choice`): of every reading of the start and the end
   (front matter, fact lines, the prose's windows, the timeline's phases and
   entries), the pair that agrees with itself and with the text, and the
   readings set aside with the reason.

`reading.read_timeline` runs stages 1 to 5 for one postmortem; `window` and
`choice` are run by the reader after it. The words of every stage are data
(data/timeline.yml, data/reading.yml, data/zones.yml), read by `words`.
"""
