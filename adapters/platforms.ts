// The chat platforms this bot has adapters for, as the core speaks of them to users ("daily
// posts go to Discord and Slack channels"), whichever of them this process runs.
import type { PlatformProfile } from '../src/platform.js';
import { DISCORD_PROFILE } from './discord/profile.js';
import { SLACK_PROFILE } from './slack/profile.js';

export const CHAT_PLATFORMS: readonly PlatformProfile[] = [DISCORD_PROFILE, SLACK_PROFILE];
