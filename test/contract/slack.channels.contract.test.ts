import { describeQaChannelContract } from './channelContract.js';
import { slackChannelDriver } from './drivers/slackChannelDriver.js';

describeQaChannelContract(slackChannelDriver);
