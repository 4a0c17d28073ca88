/**
 * Process entry of the `vigil` command: parses the arguments, passes process.env to the
 * commands (the only place besides tests that reads it) and exits with the command's code.
 */
import { demoCommands } from './demo/demo.command.js';
import { hashCommands } from './media/hash.command.js';
import { hashSetCommands } from './media/hashsets/hashset.command.js';
import { borderOperationCommands } from './screening/operations/operation.command.js';
import { mediaCommands } from './media/media.command.js';
import { vpdqCommands } from './media/vpdq.command.js';
import { agencyCommands } from './platform/agencies/agency.command.js';
import { auditCommands } from './platform/audit/audit.command.js';
import { tokenCommands } from './platform/auth/token.command.js';
import { userCommands } from './platform/auth/user.command.js';
import { platformCommands } from './platform/cli/platform.command.js';
import { runCli } from './platform/cli/program.js';
import { screenCommands } from './screening/screen.command.js';
import { watchlistCommands } from './screening/watchlists/watchlist.command.js';
import { noticeCommands } from './notices/notice.command.js';
import { darkwebCommands } from './darkweb/darkweb.command.js';
import { personCommands } from './operations/person.command.js';

const code = await runCli(process.argv.slice(2), process.env, [
  platformCommands,
  demoCommands,
  agencyCommands,
  userCommands,
  tokenCommands,
  auditCommands,
  hashCommands,
  mediaCommands,
  hashSetCommands,
  borderOperationCommands,
  vpdqCommands,
  watchlistCommands,
  screenCommands,
  noticeCommands,
  darkwebCommands,
  personCommands,
]);
process.exitCode = code;
