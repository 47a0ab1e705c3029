import type { Department, Stage } from '../model';
import { DEPARTMENT_LABEL } from '../model/labels';

/**
 * Persona hints: what this person needs now and how the owner should answer, in one line.
 * Reply times are defaults (social customers expect an answer within the hour); team settings
 * may show their own targets next to the badge.
 */

export interface HintContext {
  stage: Stage;
  department: Department;
  /** Name of the strongest signal behind the stage (or the department for PR). */
  topic: string | null;
  urgent: boolean;
  churn: boolean;
  blocked: boolean;
  notEnglish: boolean;
  competitor: string | null;
}

const SALES: Record<string, string> = {
  'price-question': 'Asking for a price: answer now with the offer and a link',
  'offer-question': 'Asking about a deal or plan: answer with the current offer and a link',
  'stock-question': 'Checking stock, sizes or availability: confirm it and link the product',
  'shipping-question': 'Asking about delivery: give shipping options, times and costs',
  'where-to-buy': 'Wants to buy and asks where: send the direct link or nearest store',
  'buy-intent': 'Ready to buy: make it easy with a direct link and an offer of help',
  'blocked-attempt': 'Ready to buy: make it easy with a direct link and an offer of help',
  'payment-question': 'Asking how to pay: list the payment options and link the checkout',
  'purchase-word': 'Close to buying: make it easy with a direct link and an offer of help',
  'store-question': 'Planning a visit: give opening hours and the nearest store',
  'contact-sales': 'Wants to talk to sales: reply with a contact and the next step',
  comparison: 'Comparing options: say briefly and honestly what sets us apart',
  'price-complaint': 'Put off by the price: explain what it includes and point to a cheaper option or offer',
  'competitor-switch': 'Thinking of switching: show what they gain and how easy it is',
};

const MARKETING_PRE: Record<string, string> = {
  'feature-request': 'Asking for a feature or product: thank them and share plans or alternatives, no pitch',
  'ad-reaction': 'Reacting to an ad: engage warmly and point to more about it, no pitch',
  wish: 'Wishing for it: engage and inspire, no hard sell',
  'need-awareness': 'Aware of a need: offer helpful advice for choosing, no pitch',
  'my-old': 'Aware of a need: offer helpful advice for choosing, no pitch',
  'product-news': 'Following the news: share the story and where to learn more',
  'waiting-to-buy': 'Waiting for a better moment to buy: say when the price or offer changes, no pitch',
};

const SERVICE: Record<string, string> = {
  'my-order': 'Waiting on an order: check its status and give a date',
  'order-status': 'Waiting on an order: check its status and give a date',
  'order-number': 'Waiting on an order: check its status and give a date',
  'refund-return': 'Asking about a refund, return or charge: explain the steps and make it easy',
  'account-problem': 'Account or payment problem: move to a private message and fix it',
  'my-account': 'Account or billing question: move to a private message and sort it out',
  'my-payment': 'Card or payment problem: move to a private message and sort it out',
  'technical-problem': "Something doesn't work: acknowledge, troubleshoot, move to a private message",
  'product-problem': 'Product problem: apologise and offer a repair, replacement or refund',
  'service-problem': 'Let down by the service: apologise, own it and put it right',
  'service-encounter': 'Let down by the service: apologise, own it and put it right',
  'service-topic': 'Let down by the service: apologise, own it and put it right',
  'waiting-time': 'Kept waiting: apologise and give a real update now',
  'usage-help': 'Needs help using it: give the steps or a guide',
  'booking-change': 'Wants to change a booking, order or plan: check it and make the change easy',
  loyalty: 'A member asking about status, points or perks: check the account and sort it out',
  demand: 'Wants their money back or an answer: apologise, give a clear answer and a remedy',
  'rhetorical-complaint': 'Let down by the service: apologise, own it and put it right',
  'usage-topic': 'Needs help using it: give the steps or a guide',
  'my-booking': 'A problem with a booking or trip: check it and offer a fix',
  'my-product': 'A problem with something they own: troubleshoot or offer a repair',
  'my-new': 'A problem with a new purchase: sort it out before it becomes a return',
};

const PR: Record<string, string> = {
  'press-or-creator': 'Press or creator: route to PR for an official answer or partnership',
  'safety-risk': 'Safety concern: escalate to PR and the product team now, answer publicly with care',
  'legal-threat': 'Legal threat: escalate to PR and legal before anyone replies',
  boycott: 'Boycott call: escalate to PR, answer with facts and empathy',
  'conduct-outrage': "Outrage at the company's conduct: escalate to PR, answer with facts and empathy",
  'going-public': 'Threatening to go public: escalate to PR, answer with facts and empathy',
};

function replyTime(department: Department, urgent: boolean): string {
  switch (department) {
    case 'pr':
      return 'escalate now';
    case 'sales':
      return 'reply within 1 hour';
    case 'service':
      return urgent ? 'reply within 1 hour' : 'reply within 2 hours';
    case 'marketing':
      return 'reply within a day';
    default:
      return 'no reply needed';
  }
}

export function personaHint(ctx: HintContext): string {
  const { stage, department, topic } = ctx;
  if (ctx.notEnglish) return 'Not in a supported language: read it yourself before acting';
  if (stage === 'none' && department === 'none') {
    return ctx.competitor
      ? `Mentions competitor ${ctx.competitor} but no buying signal: worth watching, no reply needed`
      : 'No buying signal: nothing to do';
  }
  let what: string;
  if (department === 'pr') {
    what = (topic && PR[topic]) ?? 'Reputation risk: escalate to PR, answer with facts and empathy';
  } else if (stage === 'purchase' && department === 'service') {
    what = "A problem is blocking the purchase: fix it fast so the sale isn't lost";
  } else if (stage === 'purchase') {
    what = (topic && SALES[topic]) ?? 'Choosing now: answer the question and make buying easy';
  } else if (stage === 'pre-purchase') {
    what = (topic && MARKETING_PRE[topic]) ?? 'Exploring and learning: answer with helpful content, no pitch';
  } else if (department === 'marketing') {
    what = 'Happy customer: thank them and amplify (share, feature, ask for a review)';
  } else if (department === 'sales') {
    what = 'Unhappy with another brand: an opportunity, show a better way without knocking them';
  } else if (ctx.churn) {
    what = "Churn risk: says they won't come back; apologise, fix it and win them back";
  } else {
    what = (topic && SERVICE[topic]) ?? 'A customer who needs help: answer and put it right';
  }
  if (ctx.competitor && department !== 'pr') what = `Mentions competitor ${ctx.competitor} (an opportunity). ${what}`;
  return `${what} — ${DEPARTMENT_LABEL[department]}, ${replyTime(department, ctx.urgent)}`;
}
