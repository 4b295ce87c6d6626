import { describeMentorContract } from './mentorContract.js';
import { slackMentorDriver } from './drivers/slackMentorDriver.js';

describeMentorContract(slackMentorDriver);
