import { describeFrontEndContract } from './frontEndContract.js';
import { webDriver } from './drivers/webDriver.js';

describeFrontEndContract(webDriver);
