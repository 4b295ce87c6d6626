import { describeFrontEndContract } from './frontEndContract.js';
import { slackDriver } from './drivers/slackDriver.js';

describeFrontEndContract(slackDriver);
