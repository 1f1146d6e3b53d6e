// Preloaded into a child_process.fork child to give it the `process.parentPort` of an Electron
// utility process, so electron/utility/host runs unchanged where there is no Electron binary.
// IPC messages go to the parentPort listener only; what the relay re-emits reaches the worker.
const send = process.send.bind(process);
const emit = process.emit.bind(process);
let portListener = null;
let relaying = false;
process.emit = function (name, ...args) {
  if (name !== 'message' || relaying) return emit(name, ...args);
  relaying = true;
  try {
    portListener?.({ data: args[0] });
  } finally {
    relaying = false;
  }
  return true;
};
process.parentPort = {
  on: (_event, listener) => void (portListener = listener),
  postMessage: (message) => send(message),
};
