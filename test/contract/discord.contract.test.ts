import { describeFrontEndContract } from './frontEndContract.js';
import { discordDriver } from './drivers/discordDriver.js';

describeFrontEndContract(discordDriver);
