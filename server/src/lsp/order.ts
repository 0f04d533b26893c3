// LSP's order of messages, kept for every method (including ones added later): before `initialize`
// every request is answered with ServerNotInitialized and every notification but `exit` is dropped;
// after `shutdown`, requests are InvalidRequest errors. The server can also run a step before each
// message is handled (it takes in queued document edits there: see `startServer`).
import { ErrorCodes, Message, ResponseError, type Connection, type ConnectionOptions, type RequestMessage } from 'vscode-languageserver';

/** Connection options that keep LSP's order, and let the server act before each message. */
export interface MessageOrder extends ConnectionOptions {
  /** Runs `step` before each message (that `initializeFirst` lets through) is handled. */
  beforeEachMessage(step: (message: Message) => void): void;
}

/** The method a request that comes before `initialize` is turned into (see `initializeFirst`). */
const NOT_INITIALIZED = 'handbook/$notInitialized';
/** The method a request that comes after `shutdown` is turned into. */
const SHUT_DOWN = 'handbook/$shutDown';

/**
 * Connection options that keep LSP's order: a request out of order is renamed to one of the methods
 * above, whose handlers (`answerOutOfOrder`) reply with the error and keep the request's id.
 */
export function initializeFirst(): MessageOrder {
  let initialized = false;
  let shutDown = false;
  const steps: ((message: Message) => void)[] = [];
  return {
    beforeEachMessage: (step) => steps.push(step),
    messageStrategy: {
      handleMessage(message, next) {
        if (!initialized && Message.isRequest(message)) {
          if (message.method === 'initialize') initialized = true;
          else message = { ...message, method: NOT_INITIALIZED } as RequestMessage;
        } else if (Message.isRequest(message) && shutDown) {
          // After `shutdown`, requests are errors (InvalidRequest), as LSP asks.
          message = { ...message, method: SHUT_DOWN } as RequestMessage;
        } else if (Message.isRequest(message) && message.method === 'shutdown') {
          shutDown = true;
        } else if (!initialized && Message.isNotification(message) && message.method !== 'exit') {
          return;
        }
        for (const step of steps) step(message);
        next(message);
      },
    },
  };
}

/** The answers to requests that `initializeFirst` found out of order. */
export function answerOutOfOrder(connection: Connection): void {
  connection.onRequest(NOT_INITIALIZED, () => new ResponseError(ErrorCodes.ServerNotInitialized, 'The server is not initialized: send initialize first.'));
  connection.onRequest(SHUT_DOWN, () => new ResponseError(ErrorCodes.InvalidRequest, 'The server is shutting down.'));
}
