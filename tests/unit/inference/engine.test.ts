import { describe, expect, it } from 'vitest';
import { InferenceSchema, type TeamTerms } from '../../../lib/model';
import { infer } from '../../../lib/inference';
import { LANGUAGE_PACKS } from '../../../lib/inference/lang';

const names = (text: string, terms?: TeamTerms) => infer(text, terms ? { terms } : undefined).signals.map((s) => s.name);
const terms = (t: Partial<TeamTerms>): TeamTerms => ({ brands: [], handles: [], products: [], competitors: [], ...t });

describe('infer: stages and departments', () => {
  it.each([
    ['How much is the large pizza? cant find prices on the site', 'purchase', 'sales'],
    ['do you guys ship to Canada', 'purchase', 'sales'],
    ['is the 65 inch OLED back in stock yet', 'purchase', 'sales'],
    ['my package says delivered but it is not here. where is it??', 'post-purchase', 'service'],
    ['Still waiting on my refund from 3 weeks ago. This is ridiculous', 'post-purchase', 'service'],
    ['Absolutely obsessed with my new @Allbirds, comfiest shoes ever 😍', 'post-purchase', 'marketing'],
    ['Thinking about switching to a standing desk. Anyone have one they love?', 'pre-purchase', 'marketing'],
    ['@Spotify please add a sleep timer to the desktop app', 'pre-purchase', 'marketing'],
    ['Apple reports record quarterly revenue, stock up 3% after hours', 'none', 'none'],
    ['Happy birthday to my best friend!! love you girl 💕', 'none', 'none'],
  ] as const)('%s → %s / %s', (text, stage, department) => {
    const r = infer(text);
    expect(r.stage).toBe(stage);
    expect(r.department).toBe(department);
  });

  it('answers match the shared schema, with a hint that names the owner and a reply time', () => {
    const r = infer('How much is the grey hoodie?');
    expect(InferenceSchema.parse(r)).toEqual(r);
    expect(r.personaHint).toMatch(/^Asking for a price: answer now with the offer and a link — Sales, reply within 1 hour$/);
    for (const s of r.signals) expect(s.matched.length).toBeLessThanOrEqual(60);
  });

  it('every signal says which words it matched', () => {
    const r = infer('my order #48213 hasnt shipped and its been 10 days');
    expect(r.stage).toBe('post-purchase');
    const order = r.signals.find((s) => s.name === 'my-order');
    expect(order?.matched).toBe('my order');
    expect(names('my order #48213 hasnt shipped')).toContain('order-number');
  });
});

describe('infer: negation, questions, ownership, urgency, sentiment', () => {
  it('"not buying" is not a purchase', () => {
    const r = infer("I'm not buying the hype around this new show tbh");
    expect(r.stage).toBe('none');
    expect(r.signals.map((s) => s.name)).toContain('negated-interest');
  });

  it('"never again" after a purchase is churn risk for service, not a purchase', () => {
    const r = infer('I will never buy from @QuickMart again. Rotten fruit twice in one week');
    expect(r.stage).toBe('post-purchase');
    expect(r.department).toBe('service');
    expect(r.signals.map((s) => s.name)).toContain('churn-risk');
    expect(r.personaHint).toMatch(/^Churn risk/);
  });

  it('"never again" about something else is not churn', () => {
    expect(infer("I'm never again eating spicy wings before bed").stage).toBe('none');
  });

  it('a question without a question mark still counts as one', () => {
    const withMark = infer('price?');
    const without = infer('what is the price on the blue one');
    expect(withMark.stage).toBe('purchase');
    expect(without.stage).toBe('purchase');
    expect(without.signals.map((s) => s.name)).toContain('question');
  });

  it('a question asked indirectly ("wondering how much", "I wonder if") counts as one', () => {
    const r = infer('wondering how much the family railcard is these days');
    expect(r).toMatchObject({ stage: 'purchase', department: 'sales' });
    expect(r.signals.map((s) => s.name)).toContain('question');
    expect(infer('wondering why I agreed to run a half marathon in February').stage).toBe('none');
  });

  it('a need ending in "new" is interest only before something bought', () => {
    expect(infer('need a new personality after this week tbh').stage).toBe('none');
    expect(infer('need a new phone, mine won\'t last another month').stage).toBe('pre-purchase');
  });

  it('a card that fails while booking is a blocked purchase, not a customer\'s card problem', () => {
    expect(infer('@Airbnb why does my card keep getting rejected when I try to book')).toMatchObject({ stage: 'purchase', department: 'service' });
    expect(infer('@Monzo my card keeps getting rejected abroad, stuck in a restaurant in Rome')).toMatchObject({ stage: 'post-purchase', department: 'service' });
  });

  it('asking for the price outright is a purchase, even without a question mark or with "my trip"', () => {
    for (const text of ['dm me the price pls', 'dm me the price for the glide in matte black pls, need it before my trip']) {
      expect(infer(text)).toMatchObject({ stage: 'purchase', department: 'sales' });
    }
  });

  it('"dm me" alone is not a request for usage help', () => {
    expect(infer('dm me').signals.map((s) => s.name)).not.toContain('usage-help');
  });

  it('"price" in a statement is not a price question', () => {
    expect(infer('The price of eggs is getting ridiculous lately').stage).toBe('none');
  });

  it('first-person ownership makes a customer', () => {
    expect(infer('my new phone wont charge past 80%, is this normal').stage).toBe('post-purchase');
    expect(names('my new phone wont charge past 80%')).toContain('my-new');
    expect(names('locked out of my account')).toContain('my-account');
  });

  it('a technical problem while buying goes to service, still a purchase', () => {
    const r = infer('trying to checkout for 20 minutes and the payment keeps failing, I just want to buy this TV');
    expect(r.stage).toBe('purchase');
    expect(r.department).toBe('service');
    expect(r.personaHint).toContain('blocking the purchase');
  });

  it('urgency shows in the hint', () => {
    const r = infer('Flight delayed 3 hours and no one at the gate will tell us anything');
    expect(r.stage).toBe('post-purchase');
    expect(r.signals.map((s) => s.name)).toContain('urgency');
    expect(r.personaHint).toContain('reply within 1 hour');
  });

  it('sarcastic thanks is a complaint', () => {
    const r = infer('been on hold for 45 minutes. great customer service as always 🙃');
    expect(r.stage).toBe('post-purchase');
    expect(r.department).toBe('service');
  });

  it('praise goes to marketing, a complaint to service', () => {
    expect(infer('@FastShip ordered on Monday, arrived Tuesday, you are the best').department).toBe('marketing');
    expect(infer('@FastShip ordered on Monday, still nothing, worst service ever').department).toBe('service');
  });

  it('"thanks for" followed by a problem is sarcasm, and says which words', () => {
    const r = infer('@CableCo thanks for the 2 hour wait and the broken modem');
    expect(r.department).toBe('service');
    expect(r.signals.find((s) => s.name === 'sarcasm')?.matched).toBe('thanks for the 2 hour wait');
    // A fix named first is real thanks.
    expect(infer('@CableCo thanks for fixing the broken modem so fast!').department).toBe('marketing');
  });

  it('the side of a contrast that wins decides the owner', () => {
    expect(infer('@CityInn the staff were lovely but the room was filthy and the shower was broken').department).toBe('service');
    expect(infer('@ParcelNow despite the delay, the driver was super friendly and careful. Appreciate it').department).toBe('marketing');
    expect(infer('@GadgetBox the order was late but the support team sorted it in minutes, brilliant').department).toBe('marketing');
  });

  it('a happy set-up story goes to marketing; a set-up question to service', () => {
    const happy = infer('Arrived on Tuesday, setup took 10 minutes and it has been flawless since. Very happy 😊');
    expect(happy.stage).toBe('post-purchase');
    expect(happy.department).toBe('marketing');
    expect(happy.signals.map((s) => s.name)).not.toContain('waiting-time');
    expect(infer('how do I set up the camera on a second phone @HomeCam').department).toBe('service');
  });

  it('changing a booking or plan, loyalty status and demanding money back make a customer, in any industry', () => {
    for (const text of [
      'how do I change the date on my reservation @TableTime',
      'need to reschedule my installation, the engineer cannot come on Friday',
      'I am a gold member and still waited in the general line',
      'I want my money back for the concert, the show was cancelled',
      'where do I find my confirmation number, the email never came',
    ]) {
      const r = infer(text);
      expect(r.stage, text).toBe('post-purchase');
      expect(r.department, text).toBe('service');
    }
  });

  it('a rhetorical question to a brand is a complaint, not curiosity', () => {
    const r = infer('@CableCo how is it my fault that your courier lost it?');
    expect(r.stage).toBe('post-purchase');
    expect(r.signals.find((s) => s.name === 'rhetorical-complaint')?.matched).toBe('how is it my fault');
  });

  it('a greeting before the question word still makes a question', () => {
    expect(names('hey do you deliver on Sundays')).toContain('question');
    expect(names('hi is the grey one still available')).toContain('question');
    expect(names('hi everyone, happy Sunday')).not.toContain('question');
  });

  it('urgency names the words that made it urgent', () => {
    const urgency = infer('still waiting on my refund').signals.find((s) => s.name === 'urgency');
    expect(urgency?.matched).toBe('waiting on my');
  });

  it('"N hours" is a wait only next to waiting words', () => {
    expect(names('been on hold for 3 hours @CableCo')).toContain('waiting-time');
    expect(names('the engineer sorted it in 20 minutes @CableCo')).not.toContain('waiting-time');
  });

  it('"my new" makes a customer only of something bought', () => {
    expect(infer('my new @Dyson just broke after 3 weeks').stage).toBe('post-purchase');
    for (const text of ['meet my new puppy, Biscuit 🐶', 'my new boss is actually nice?? a miracle', 'my new favorite song is on repeat all day']) {
      expect(infer(text).stage).toBe('none');
    }
  });

  it('contests, giveaways (branded hashtags too) and working for a brand are not buying from it', () => {
    expect(infer('Follow @GlowBeauty and tag a friend to win the full skincare set! #GlowGiveaway').stage).toBe('none');
    expect(infer('I want to win this so bad 🙏 @GlowBeauty #GlowGiveaway').stage).toBe('none');
    expect(infer('My dad worked at @Ford for 35 years, retiring today 🎉').stage).toBe('none');
    expect(infer('Interview at @Spotify tomorrow, wish me luck').stage).toBe('none');
  });

  it('feelings about a brand named in passing do not make a customer; said to it, or about one\'s own experience, they do', () => {
    expect(infer('Watching the @NBA finals at a bar full of strangers, best night').stage).toBe('none');
    expect(infer('Great panel today with folks from @Microsoft and @Salesforce on AI in healthcare').stage).toBe('none');
    expect(names('So appreciated! @united')).toContain('praise-to-brand');
    expect(names('@united you guys were great today')).toContain('praise-to-brand');
    expect(names('Looking forward to using Passbook when I fly @SouthwestAir in a few weeks!')).toContain('praise-to-brand');
  });

  it('a feeling standing alone after a complaint is irony, unless something good was said or it is thanks', () => {
    expect(infer('two hours on hold. Great. @CableCo').department).toBe('service');
    expect(names('lost my parcel again. #yay @ParcelNow')).toContain('sarcasm');
    expect(infer('@Delta flight was delayed but the crew was amazing. Thank you!').department).toBe('marketing');
  });

  it('words of problems and accounts in everyday talk are not a customer\'s, said to a brand they are', () => {
    for (const text of ['ran 5 miles this morning before work', 'you make some good points', 'stuck in traffic again, running late', 'the problem with politics is everyone yells']) {
      expect(infer(text).stage).toBe('none');
    }
    expect(infer('@CityBank my card keeps getting declined at the pump').stage).toBe('post-purchase');
    expect(infer('my laptop crashed during the exam').stage).toBe('post-purchase');
  });

  it('an item missing from an order is a complaint when said to the brand', () => {
    const r = infer('@BurgerBarn you forgot the fries in my order tonight, second time this month');
    expect([r.stage, r.department]).toEqual(['post-purchase', 'service']);
    expect(infer('I forgot my umbrella at home and of course it\'s pouring').stage).toBe('none');
  });

  it('a feeling inside a question is no praise', () => {
    expect(infer('@MetroBus has one of your buses ever been on time?').department).toBe('service');
    expect(infer('@KitchenCo is the blender as good as everyone says?').stage).toBe('pre-purchase');
  });

  it('a refusal waiting for a fix is a blocked purchase; waiting for a price, an interest; waiting for payday, nothing', () => {
    const blocked = infer('@TicketHub not buying anything until your checkout stops crashing');
    expect([blocked.stage, blocked.department]).toEqual(['purchase', 'service']);
    expect(infer('not buying the new tablet until the price drops').stage).toBe('pre-purchase');
    expect(infer('not ordering pizza until payday, toast it is').stage).toBe('none');
    expect(infer('@ShoeCo never buying from you again, the soles fell off in a week').stage).toBe('post-purchase');
    expect(infer('@BankCo won\'t be using your app until you fix the login').stage).toBe('post-purchase');
  });

  it('two named products around "or" are a comparison; everyday pairs are not', () => {
    expect(infer('Galaxy S24 or iPhone 15 for travel photos?').stage).toBe('purchase');
    expect(infer('Cats or dogs? settle this').stage).toBe('none');
    expect(infer('@AirCo flying from JFK or LGA tomorrow, no idea yet').signals.map((x) => x.name)).not.toContain('comparison');
  });

  it('a price complained of before buying is a purchase; the price of changing what one has is a customer\'s question', () => {
    expect(infer('@LaptopCo £2,000 for a laptop with 8GB of RAM, come on').stage).toBe('purchase');
    expect(infer('@HotelCo how much does it cost to change the booking to Sunday?').stage).toBe('post-purchase');
  });

  it('"thanks @brand for <a problem>" is sarcasm; "Ordered" opening a post is the author\'s news', () => {
    expect(infer('thanks @FreshMart for the rotten bananas, lovely').department).toBe('service');
    const news = infer('Ordered 🙌 so excited');
    expect([news.stage, news.department]).toEqual(['post-purchase', 'marketing']);
  });

  it('a creator\'s paid or gifted post goes to PR; a hashtag that only contains "ad" does not', () => {
    const paid = infer('my skincare routine with @SkinCo, use my code AMY10 #ad');
    expect([paid.stage, paid.department]).toEqual(['pre-purchase', 'pr']);
    expect(infer('sunrise hike before work #adventure #travel').department).toBe('none');
  });

  it('talk about a brand\'s account is a fan\'s, not a customer\'s', () => {
    expect(infer('@SnackCo whoever runs this account deserves a raise').stage).toBe('none');
    expect(infer('@SnackCo this account never misses').stage).toBe('none');
  });
});

describe('infer: PR', () => {
  it.each([
    "I'm talking to my lawyer. @RentRight kept my $2000 deposit and won't answer",
    '@MegaBank froze my account without explanation. Going to the press if this is not resolved today',
    'Everyone needs to stop shopping at @FashionNow until they pay their factory workers properly #boycott',
    'My daughter got burns from the light-up wand we bought last week. This product is DANGEROUS',
    'Journalist at the Chronicle here: working on a story about delivery delays, would love a comment',
  ])('%s → PR', (text) => {
    const r = infer(text);
    expect(r.department).toBe('pr');
    expect(r.personaHint).toContain('PR');
  });

  it('a journalist is not a customer', () => {
    expect(infer('Reporter here, working on a story about refunds, DMs open').stage).toBe('none');
  });
});

describe('infer: team terms', () => {
  it('a competitor mention is an opportunity, said in the hint', () => {
    const t = terms({ brands: ['Acme'], competitors: ['Globex'] });
    const r = infer('Is Globex cheaper than the others? how much is their basic plan', { terms: t });
    expect(r.stage).toBe('purchase');
    expect(r.signals.map((s) => s.name)).toContain('competitor-mention');
    expect(r.personaHint).toMatch(/competitor globex \(an opportunity\)/i);
  });

  it('an unhappy customer of a competitor goes to sales', () => {
    const t = terms({ brands: ['Acme'], competitors: ['@Globex'] });
    const r = infer('@Globex my order never arrived, worst service ever', { terms: t });
    expect(r.stage).toBe('post-purchase');
    expect(r.department).toBe('sales');
  });

  it('a brand or handle mention makes the post relevant', () => {
    const t = terms({ brands: ['Acme Coffee'], handles: ['@acmecoffee'] });
    expect(names('Acme Coffee is my whole personality', t)).toContain('brand-mention');
    expect(names('thanks acmecoffee', t)).toContain('brand-mention');
    expect(names('acmecoffeeshop is different', t)).not.toContain('brand-mention');
  });

  it("the team's own post (an author among its handles) is nobody's buying: no stage, no owner, whatever it says", () => {
    const t = terms({ brands: ['Acme Coffee'], handles: ['@AcmeCoffee'] });
    const ad = 'Order the new Acme blend today! How much? Just $9, shipping free.';
    expect(infer(ad, { terms: t }).stage).toBe('purchase');
    for (const author of ['acmecoffee', '@acmecoffee', 'ACMECOFFEE']) {
      const own = infer(ad, { terms: t, author });
      expect(own).toMatchObject({ stage: 'none', department: 'none', signals: [{ name: 'own-handle', matched: `@${author.replace('@', '')}` }] });
      expect(own.personaHint).toMatch(/own post/);
    }
    // Another author, or no handles configured: the words decide as before.
    expect(infer(ad, { terms: t, author: 'acmecoffeefan' }).stage).toBe('purchase');
    expect(infer(ad, { terms: terms({ brands: ['Acme Coffee'] }), author: 'acmecoffee' }).stage).toBe('purchase');
    expect(infer(ad, { author: 'acmecoffee' }).stage).toBe('purchase');
  });

  it('team terms with regex characters are matched literally', () => {
    const t = terms({ brands: ['(a+)+$', 'C++ Shop'] });
    expect(names('I love the C++ Shop', t)).toContain('brand-mention');
    expect(() => infer('aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaab', { terms: t })).not.toThrow();
  });

  it('works without terms and with partial terms', () => {
    expect(infer('how much', {} as never).stage).toBe('purchase');
    expect(infer('how much', { terms: { brands: ['x'] } as TeamTerms }).stage).toBe('purchase');
  });
});

describe('infer: languages', () => {
  it.each([
    'Me encanta este lugar, el café es increíble',
    'Ich warte seit zwei Wochen auf meine Bestellung',
    'Quelqu’un sait si le magasin est ouvert dimanche ?',
    'この新しいカメラ、本当に欲しい！値段はいくら？',
    '这家店的服务太差了，等了一个小时',
    'Где мой заказ? Жду уже две недели',
    'أين طلبي؟ أنتظر منذ أسبوعين',
  ])('%s → none, low confidence', (text) => {
    const r = infer(text);
    expect(r.stage).toBe('none');
    expect(r.confidence).toBeLessThan(0.3);
    expect(r.signals.map((s) => s.name)).toContain('not-english');
  });

  it('English with a foreign word or two is still English', () => {
    expect(infer('Just had the best café con leche at @BeanThere, thank you!').stage).toBe('post-purchase');
  });

  it('language packs are one file each, with no duplicated phrase inside a cue', () => {
    for (const pack of LANGUAGE_PACKS) {
      expect(pack.code).toMatch(/^[a-z]{2}$/);
      for (const [name, , , , phrases] of pack.cues) {
        const list = phrases.split('|');
        expect(new Set(list).size, `${pack.code}/${name}`).toBe(list.length);
        for (const p of list) expect(p, `${pack.code}/${name}`).toBe(p.trim().toLowerCase());
      }
    }
  });
});
