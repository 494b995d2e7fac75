/**
 * A CSL 1.0 style for Chicago Manual of Style 17th edition (notes and bibliography)
 * bibliography entries of the kind this bot cites: articles from a news site or publication.
 * Written for research-bot (the CSL project's own Chicago style is not shipped in any npm
 * package); the citation-js CSL processor renders it like any other style.
 *
 *   Last, First. "Title." Container, Month Day, Year. URL.
 *
 * Each part appears only when the source has it.
 */
export const CHICAGO_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="note" version="1.0" default-locale="en-US">
  <info>
    <title>Chicago Manual of Style 17th edition, notes and bibliography (research-bot: articles)</title>
    <id>research-bot-chicago</id>
    <updated>2026-11-01T00:00:00+00:00</updated>
  </info>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="first" and="text" delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <citation>
    <layout suffix=".">
      <group delimiter=", ">
        <names variable="author"><name and="text" delimiter=", "/></names>
        <text variable="title" quotes="true"/>
        <text variable="container-title" font-style="italic"/>
      </group>
    </layout>
  </citation>
  <bibliography>
    <layout suffix=".">
      <group delimiter=". ">
        <text macro="author"/>
        <text variable="title" quotes="true"/>
        <group delimiter=", ">
          <text variable="container-title" font-style="italic"/>
          <date variable="issued">
            <date-part name="month" form="long" suffix=" "/>
            <date-part name="day" suffix=", "/>
            <date-part name="year"/>
          </date>
        </group>
        <text variable="URL"/>
      </group>
    </layout>
  </bibliography>
</style>`;
