// Discord as the core names it to users (see src/platform.ts).
import type { PlatformProfile } from '../../src/platform.js';

export const DISCORD_PROFILE: PlatformProfile = {
  key: 'discord',
  name: 'Discord',
  workspace: 'server',
  channelManagers: 'the Manage Channels permission',
  workspaceManagers: 'the Manage Server permission',
};
