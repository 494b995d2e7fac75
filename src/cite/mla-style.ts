/**
 * A CSL 1.0 style for MLA 9 works-cited entries of the kind this bot cites: articles from a
 * news site or publication. Written for research-bot (the CSL project's own MLA style is not
 * shipped in any npm package); the citation-js CSL processor renders it like any other style.
 *
 *   Author Last, First. "Title." Container, Day Mon. Year, URL.
 *
 * Each part appears only when the source has it; months follow MLA's abbreviations.
 */
export const MLA_STYLE = `<?xml version="1.0" encoding="utf-8"?>
<style xmlns="http://purl.org/net/xbiblio/csl" class="in-text" version="1.0" default-locale="en-US">
  <info>
    <title>MLA Handbook 9th edition (research-bot: articles)</title>
    <id>research-bot-mla</id>
    <updated>2026-11-01T00:00:00+00:00</updated>
  </info>
  <locale xml:lang="en">
    <terms>
      <term name="month-01" form="short">Jan.</term>
      <term name="month-02" form="short">Feb.</term>
      <term name="month-03" form="short">Mar.</term>
      <term name="month-04" form="short">Apr.</term>
      <term name="month-05" form="short">May</term>
      <term name="month-06" form="short">June</term>
      <term name="month-07" form="short">July</term>
      <term name="month-08" form="short">Aug.</term>
      <term name="month-09" form="short">Sept.</term>
      <term name="month-10" form="short">Oct.</term>
      <term name="month-11" form="short">Nov.</term>
      <term name="month-12" form="short">Dec.</term>
    </terms>
  </locale>
  <macro name="author">
    <names variable="author">
      <name name-as-sort-order="first" and="text" delimiter=", " delimiter-precedes-last="always"/>
    </names>
  </macro>
  <citation>
    <layout prefix="(" suffix=")">
      <group delimiter=" ">
        <text macro="author"/>
        <text variable="title" form="short" quotes="true"/>
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
            <date-part name="day" suffix=" "/>
            <date-part name="month" form="short" suffix=" "/>
            <date-part name="year"/>
          </date>
          <text variable="URL"/>
        </group>
      </group>
    </layout>
  </bibliography>
</style>`;
