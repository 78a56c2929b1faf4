// Slack as the core names it to users (see src/platform.ts).
import type { PlatformProfile } from '../../src/platform.js';

export const SLACK_PROFILE: PlatformProfile = {
  key: 'slack',
  name: 'Slack',
  workspace: 'workspace',
  channelManagers: 'workspace admins and owners',
  workspaceManagers: 'workspace admins and owners',
  invite: '/invite it to the channel',
};
