// Discord's message limits (https://discord.com/developers/docs/resources/message#embed-object-embed-limits,
// .../interactions/message-components). Render respects every one; the tests check against these.
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footerText: 2048,
  authorName: 256,
  /** Sum of title, description, field names and values, footer text and author name across all embeds. */
  embedTotal: 6000,
  actionRows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  selectOptions: 25,
  selectOptionLabel: 100,
  selectOptionValue: 100,
  selectOptionDescription: 100,
  selectPlaceholder: 150,
  autocompleteChoices: 25,
  choiceName: 100,
  choiceValue: 100,
  /** A message nonce. */
  nonce: 25,
  /** An attachment's size (for a server without boosts) and its description (alt text). */
  attachmentBytes: 10 * 1024 * 1024,
  attachmentDescription: 1024,
} as const;
