// term-misused flags uses of an avoided term, not mentions of it: text that quotes or discusses the
// term, the title of an outside page, and what the entry's own reason allows. Each case is shaped after
// a finding on the real handbook that was judged false by hand (sentences written for these tests).
import { test } from 'node:test';
import { checkDiagnostics } from '../support/fixture';

const DATA = `//- /site/config/_default/config.yaml
title: x
//- /site/data/misused_terms.yml
- avoid:
  - Playbook
  - FAQ
  use_instead:
  - The handbook is the single source.
  reason: |
    These names make people write the same content twice.
- avoid:
  - POC
  use_instead:
  - Proof of concept
  - Point of contact
  reason: POC can mean several things, so say which one you mean.
- avoid:
  - Diverse hire
  use_instead:
  - Someone from an underrepresented group
  reason: |
    One person is not "diverse". A team or any collection of people can be described as "diverse", however.
- avoid:
  - GitLab SaaS
  use_instead:
  - GitLab.com
  reason: Name the offering.
//- /site/content/handbook/other.md
---
title: Other
---
# Other
`;
const PAGE = '/site/content/handbook/page.md';
/** A page of the site with this body, held to the diagnostics the body annotates. */
const check = (body: string) => checkDiagnostics(`${DATA}//- ${PAGE}\n---\ntitle: Page\n---\n${body}\n`);

test('uses are still flagged: a heading, prose, a link to a page of the site', async () => {
  await check(`## FAQ
   ^^^ warning: term-misused

Read the [onboarding FAQ](/handbook/other/) or the [same FAQ](https://example.gitlab.io/handbook/other/) and the POC.
                     ^^^ warning: term-misused
                                                         ^^^ warning: term-misused
                                                                                                                 ^^^ warning: term-misused`);
});

test('the text of a link to an outside page is that page\'s title, not the author\'s words', async () => {
  await check('See the [Travel insurer FAQ](https://example.com/help) and [POC: one login for all](https://gitlab.com/group/project/-/issues/1).');
});

test('a quoted term is a mention', async () => {
  await check(`Teams used to say "FAQ" and “Playbook” for pages that repeat others; this FAQ is one.
                                                                          ^^^ warning: term-misused`);
});

test('a section whose heading discusses the term, and a sentence that advises against it, mention it', async () => {
  await check(`## Write statements instead of FAQs

FAQs guess at what readers will ask. Turn each question into a heading.

### Why an FAQ ages badly

An FAQ is rarely updated.

## Next topic

Please avoid using FAQs here. Our FAQ lists the rest.
                                  ^^^ warning: term-misused`);
});

test('a link to the guidance about a term is a mention of it', async () => {
  // No term-misused (the links lead nowhere in this small site, which is their own matter).
  await check(`One weakness of [FAQs](/handbook/other/#write-statements-instead-of-faqs) is bias; see also [Playbooks](/handbook/communication/top-misused-terms/).
                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: anchor-not-found
                                                                                                        ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^ warning: link-not-found`);
});

test('an abbreviation spelled out beside it, as its entry asks, is not ambiguous', async () => {
  await check(`Sometimes a proof-of-concept (POC) comes first, or a Point of Contact (POC) is named, or POC (proof of concept) is written; then the POC issue is opened.
                                                                                                                                     ^^^ warning: term-misused`);
});

test('a plural that the entry\'s own reason allows is not flagged', async () => {
  await check(`We hired a diverse hire last year; diverse hires make a team diverse.
           ^^^^^^^^^^^^ warning: term-misused`);
});

test('a third party\'s page named by its owner, or a label for an outside address, is not the author\'s wording', async () => {
  await check(`Details are in Acme's FAQs, unlike GitLab's FAQ or the team's FAQ.
                                            ^^^ warning: term-misused
                                                              ^^^ warning: term-misused

- Partner FAQ: https://example.com/partner-faq/
`);
});

test('a term named as a term ("the term **POC**", "the word FAQ") is a mention', async () => {
  await check(`Some names changed. The term **POC** is no longer used, and the word FAQ neither; the acronym _POC_ meant two things. Write the POC, and in the short term FAQ pages stay.
                                                                                                                                ^^^ warning: term-misused
                                                                                                                                                           ^^^ warning: term-misused`);
});
