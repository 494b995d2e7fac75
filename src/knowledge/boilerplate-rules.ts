/**
 * Generic rules for web-page boilerplate: text that sits around an article on a news site or
 * blog and must never be quoted as evidence. They are written for the next article a user adds
 * as much as for the seed articles, so they name kinds of furniture, not particular pages.
 */
export interface BoilerplateRule {
  /** Why a match is boilerplate, shown by `check-knowledge --verbose` and in tests. */
  reason: string;
  pattern: RegExp;
}

/** The reason given for licence and copyright notices (also used by the web-page pass). */
export const LICENCE_NOTICE = 'licence or copyright notice';

export const BOILERPLATE_RULES: readonly BoilerplateRule[] = Object.freeze([
  {
    reason: 'newsletter or sign-up',
    pattern:
      /\bsign(?:ing)?[ -]up (?:for (?:our|my)\b|here\b|now\b|today\b)|^sign[ -]up\b|\bnewsletters?\b|\bsubscribe (?:now|today|here|for free|to (?:our|my)\b)|^subscribe\b|\bto your inbox\b|\bregister (?:now|today|for free)\b/i,
  },
  {
    reason: 'donation or membership appeal',
    pattern:
      /\bdonat(?:e|ion|ions|ing)\b|\bsupport (?:us|our (?:journalism|reporting|work|mission|newsroom))\b|\bhelp us\b|\bfree to (?:produce|all readers)\b|\bmembership\b|\bbecome a (?:member|patron|sponsor)\b|\bjoin us\b/i,
  },
  {
    reason: 'comment or letter form',
    pattern:
      /\d+\s*comments?\b|\breply to this\b|\bleave a (?:comment|reply)\b|\byour email address\b|\brequired fields\b|\bletters? to the editor\b|\bsubmit(?:ting)? (?:a |your )?(?:letter|name|comment)s?\b|\bnews tips?\b/i,
  },
  {
    reason: 'social media prompt',
    pattern: /\bfollow (?:us|me|@\w+)|\b(?:find|like|join|connect with) us on\b|\bshare (?:this|on)\b/i,
  },
  {
    reason: 'byline or credit line',
    pattern: /^(?:by|photo by|written by|posted by)\s+[^.!?]{2,60}$/i,
  },
  {
    reason: LICENCE_NOTICE,
    pattern:
      /^(?:copyright\b|©|\(c\))\s*(?:©|\(c\))?\s*\d{4}|\ball rights reserved\b|\b(?:is|are) free software\b|\bthis (?:program|document|library|file|work|manual|software) is free\b|\bredistribute it and\/or modify it\b|\bGNU (?:(?:Lesser|Library|Affero) )?General Public Licen[cs]e\b|\bGNU Free Documentation Licen[cs]e\b|\bwithout any warranty\b|\bimplied warrant(?:y|ies) of merchantability\b|\byou should have received a copy of\b|\bpermission is (?:hereby )?granted\b|\b(?:is|are|work|content|text) licen[cs]ed under\b|\bunder (?:the terms of )?(?:a |the )?Creative Commons\b|\bCreative Commons (?:Attribution|licen[cs]e)\b/i,
  },
  {
    reason: 'page furniture',
    pattern:
      /^(?:top|bottom) of page$|\bphoto credit\b|\bgetty images\b|\b\d+\s*views?(?![a-z])|\bviews?:\s*\d+|©|\bcopyright\b|\ball rights reserved\b|\bpowered by\b|\bterms of (?:service|use)\b|\bprivacy policy\b|\breport an issue\b|\bclick here\b|\bwriter'?s picture|\boriginally published\b|\bread more\b|\blearn more\b|\.(?:jpe?g|png|gif|webp)$|\bjob alerts?\b|\bemployer profile\b|\badvertisement\b|^[-_=*~.\s]{3,}$/i,
  },
]);

/** A paragraph is boilerplate when rule-matching sentences make up at least this share of it. */
export const BOILERPLATE_SHARE = 0.4;

/** This many or more headline-like or boilerplate paragraphs in a row are a navigation block. */
export const NAVIGATION_RUN = 3;

/** Content blocks cut off from the article by a navigation block and smaller than this share of
 * the article's largest block are treated as ads or sidebars. */
export const SIDE_BLOCK_SHARE = 0.5;

/** A headline-like paragraph: short lines, none ending as a sentence does. */
export const HEADLINE_MAX_WORDS = 30;
export const SENTENCE_END = /[.!?:;…]["'”’)\]]*$/;
