/** What the simulated customers say and ask for: fixed lists, picked in turn so a demo run is repeatable. */

export const CUSTOMERS = [
  { name: 'Priya Nair', email: 'priya.nair@example.com', phone: '+14155550147' },
  { name: 'Dana Whitfield', email: 'dana.w@example.com', phone: '+14155550123' },
  { name: 'Kenji Watanabe', email: 'kenji@example.jp', phone: '+81312345678' },
  { name: 'Amara Okafor', email: 'amara.okafor@example.com', phone: '+442071838750' },
  { name: 'Lucas Moreau', email: 'lucas.moreau@example.fr', phone: '+33142685300' },
] as const;

export const CHAT_OPENERS = [
  'Hi, my replacement card has not arrived yet. Can you check?',
  'Hello! I was charged twice for my last order.',
  'Can I change the delivery address of an order that already shipped?',
  'Hi there, how do I reset the PIN on my account?',
];

/** What a customer types back after each agent message, in order; the last one repeats. */
export const CHAT_REPLIES = [
  'Thanks! My order number is 88412.',
  'Yes, that is the right address.',
  'Great, how long will that take?',
  'Perfect, thank you for your help!',
];

export const EMAIL_SUBJECTS = [
  { subject: 'Where is my replacement card?', description: 'Hello,\n\nI reported my card stolen two weeks ago and the replacement has not arrived. Could you tell me when it was sent?\n\nThanks,\n' },
  { subject: 'Invoice 2026-1187 looks wrong', description: 'Hi,\n\nThe invoice lists three seats but we only have two. Please correct it and send a new copy.\n\nBest regards,\n' },
  { subject: 'Cancel my subscription at the end of the month', description: 'Hello,\n\nPlease cancel my subscription when the current period ends. I do not want it renewed.\n\nKind regards,\n' },
];

export const TASK_SUBJECTS = [
  { subject: 'Confirm the new billing address for order 88412', subType: 'address_change', priority: 2 },
  { subject: 'Send the warranty form to the customer', subType: 'follow_up', priority: 5 },
  { subject: 'Check the refund reached the card', subType: 'follow_up', priority: 3 },
];

export const CALLBACK_REASONS = [
  'Asked to be called back about a late delivery',
  'Wants to discuss upgrading the plan',
  'Could not hear the agent; call dropped',
];
