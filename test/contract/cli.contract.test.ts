import { describeFrontEndContract } from './frontEndContract.js';
import { cliDriver } from './drivers/cliDriver.js';

describeFrontEndContract(cliDriver);
