import { discordMentorDriver } from './drivers/discordMentorDriver.js';
import { describeMentorContract } from './mentorContract.js';

describeMentorContract(discordMentorDriver);
