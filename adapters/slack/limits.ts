// Block Kit and message limits (https://docs.slack.dev/reference/block-kit). Render respects
// every one; the tests check against these.
export const LIMITS = {
  headerText: 150,
  sectionText: 3000,
  contextElementText: 2000,
  contextElements: 10,
  blocks: 50,
  buttonText: 75,
  buttonValue: 2000,
  actionId: 255,
  actionsElements: 25,
  messageText: 40000,
} as const;
