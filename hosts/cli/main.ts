import { registerCaseCommands } from './commands/caseCommands.js';
import { registerCatalogueCommands } from './commands/catalogueCommands.js';
import { registerExportCommand } from './commands/exportCommand.js';
import { registerImportCommand } from './commands/importCommand.js';
import { registerOcrCommand } from './commands/ocrCommand.js';
import { registerReceiptCommand } from './commands/receiptCommand.js';
import { registerScanCommands } from './commands/scanCommands.js';
import { registerServeCommand } from './commands/serveCommand.js';
import { registerSheetsCommand } from './commands/sheetsCommand.js';
import { registerSyncCommands } from './commands/syncCommands.js';
import { registerUserCommands } from './commands/userCommands.js';
import { registerVerifyCommand } from './commands/verifyCommand.js';
import { createProgram, exitCodeOf, run } from './program.js';

const program = createProgram();
registerCaseCommands(program, run);
registerUserCommands(program, run);
registerScanCommands(program, run);
registerImportCommand(program, run);
registerSheetsCommand(program, run);
registerReceiptCommand(program, run);
registerOcrCommand(program, run);
registerCatalogueCommands(program, run);
registerExportCommand(program, run);
registerServeCommand(program, run);
registerSyncCommands(program, run);
registerVerifyCommand(program, run);

try {
  await program.parseAsync(process.argv);
} catch (err) {
  process.exitCode = exitCodeOf(err);
}
