import { describeQaChannelContract } from './channelContract.js';
import { discordChannelDriver } from './drivers/discordChannelDriver.js';

describeQaChannelContract(discordChannelDriver);
