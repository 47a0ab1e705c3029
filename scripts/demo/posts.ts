import type { DemoPost, DemoSite } from './markup';

/**
 * The demo team's world: Lumen (a fictional maker of e-bikes, @lumenbikes) and its competitor
 * Voltra. Posts cover every stage and department, in several tones, so a person sees the whole
 * range at a glance. All written for this project.
 */
export const DEMO_TERMS = {
  brands: ['Lumen'],
  handles: ['lumenbikes'],
  products: ['Lumen Glide', 'Lumen Cargo'],
  competitors: ['Voltra'],
};

export const DEMO_POSTS: Record<DemoSite, DemoPost[]> = {
  x: [
    { id: '1861000000000000001', handle: 'maya_rides', name: 'Maya Okafor', text: 'How much is the Lumen Glide with the bigger battery? Do you ship to Canada?' },
    { id: '1861000000000000002', handle: 'tomfixesthings', name: 'Tom B.', text: 'My Lumen Cargo arrived with a cracked rear light and support has not answered in 4 days. Really disappointed.' },
    { id: '1861000000000000003', handle: 'ana_commutes', name: 'Ana', text: "Thinking about getting an e-bike for my commute next spring. Anyone have tips on what to look for?" },
    { id: '1861000000000000004', handle: 'ridewithraj', name: 'Raj Patel', text: 'Loving my new Lumen Glide! 40 km today and the battery still at half 🚲⚡', repostedBy: 'lumenbikes' },
    { id: '1861000000000000005', handle: 'cityreporter', name: 'Jordan Lee (journalist)', text: 'Working on a story about e-bike battery fires. @lumenbikes, can you comment on your safety testing? Deadline tonight.' },
    { id: '1861000000000000006', handle: 'lukas_k', name: 'Lukas', text: 'Voltra or Lumen, which is better for steep hills? Trying to order one this week' },
    { id: '1861000000000000007', handle: 'weekendpics', name: 'Sam W.', text: 'Sunset from the bridge tonight. No filter.' },
    { id: '1861000000000000008', handle: 'priya_orders', name: 'Priya', text: 'Still waiting for my refund, order #48213 returned three weeks ago. Where is my money?' },
    { id: '1861000000000000009', handle: 'lumenbikes', name: 'Lumen Bikes', text: 'Winter sale: 15% off the Lumen Glide until Sunday. Free shipping in the EU.', promoted: true },
    { id: '1861000000000000010', handle: 'bikeshop_owner', name: 'Carla (bike shop)', text: '', },
  ],
  facebook: [
    { id: '102288765432001', handle: 'karen.m.walsh', name: 'Karen Walsh', text: 'Does anyone know if the Lumen store downtown is open on Sundays? Want to test ride before I buy.' },
    { id: '102288765432002', handle: 'davidnguyen', name: 'David Nguyen', text: "Absolutely furious. The brake on my Lumen failed on a hill. I'm contacting a lawyer and the local news." },
    { id: '102288765432003', handle: 'family.adventures', name: 'Family Adventures', text: 'We are comparing cargo bikes for the school run. What do other parents use? 🚸' },
    { id: '102288765432004', handle: 'bettyrides', name: 'Betty', text: 'Three months with my Lumen Cargo and it still makes me smile every morning. Best purchase this year! 😍' },
    { id: '102288765432005', handle: 'lumenbikes', name: 'Lumen Bikes', text: 'Meet the new Lumen Glide 2: lighter, faster, and made to last.', promoted: true },
    { id: '102288765432006', handle: 'garden.club.north', name: 'North Garden Club', text: 'Reminder: plant swap on Saturday at 10am in the community hall.' },
  ],
  instagram: [
    { id: 'CzDemo001', handle: 'urban.cyclist', name: 'urban.cyclist', text: 'New wheels day 🚲 my Lumen Glide finally arrived and the setup took 10 minutes #ebike' },
    { id: 'CzDemo002', handle: 'nina.travels', name: 'nina.travels', text: 'dm me the price for the glide in matte black pls, need it before my trip' },
    { id: 'CzDemo003', handle: 'coffee.and.code', name: 'coffee.and.code', text: 'Monday mood ☕️ #developer #coffee' },
    { id: 'CzDemo004', handle: 'markus.bikes', name: 'markus.bikes', text: "app keeps logging me out and I can't unlock my bike. Anyone else?? @lumenbikes", suggested: true },
    { id: 'CzDemo005', handle: 'greenmobility', name: 'greenmobility', text: 'Dreaming of a car-free summer. Is an e-bike worth it for a 15 km commute? 🤔' },
    { id: 'CzDemo006', handle: 'voltra.fan', name: 'voltra.fan', text: 'switched from Voltra, never again with them. which bike should I get instead?' },
  ],
};
