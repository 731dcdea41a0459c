import type { rollZh } from './roll-zh.ts';

/** English messages of transfer by name. */
export const rollEn: typeof rollZh = {
  roll: {
    title: 'Transfer by name',
    synthetic: 'Sample registers (synthetic)',
    registered: 'To move',
    sheltered: 'At shelters',
    relatives: 'With relatives',
    unaccounted: 'Unaccounted',
    people: '{{n}}',
    share: '{{share}} accounted for',
    noRegister: '{{n}} villages have no register',
    township: 'Township',
    village: 'Village',
    list: 'Not accounted for (vulnerable first)',
    more: '{{n}} more: see the export',
    allAccounted: 'All accounted for',
    responsible: 'Responsible',
    call: 'Call {{phone}}',
    export: 'Export the unaccounted',
    exportAll: 'Export all the unaccounted',
    age: '{{n}} y',
    loading: 'Reading the register…',
    failed: 'Could not read the register: {{why}}',
    relativesLink: 'The village’s link for people with relatives',
    links: 'Check-in links',
    linkShelter: 'Shelter',
    linkMake: 'Make a check-in link',
    linkHint: 'Shelter staff scan this with a phone to open the check-in page',
    printTags: 'Print the village’s safe codes (A4)',
    printing: 'Making the sheets…',
    tagTitle: '{{village}} transfer safe codes',
    tagFooter:
      'Cut along the dashes and hand to people without smartphones; shown at the shelter, staff scan or type the code',
  },
};
