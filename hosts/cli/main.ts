import { registerCaseCommands } from './commands/caseCommands.js';
import { registerServeCommand } from './commands/serveCommand.js';
import { registerUserCommands } from './commands/userCommands.js';
import { createProgram, exitCodeOf, run } from './program.js';

const program = createProgram();
registerCaseCommands(program, run);
registerUserCommands(program, run);
registerServeCommand(program, run);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeOf(err);
}
