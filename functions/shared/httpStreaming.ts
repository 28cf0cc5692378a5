/**
 * Turns on HTTP response streaming for the whole function app, so research exports reach the client as
 * they are written instead of being buffered by the worker (Azure Functions Node.js v4 needs this opt-in;
 * host 4.28 or later). It is the one place this is set. It is imported for its effect by every
 * authenticated route (functions/shared/authenticatedApi.ts), and the worker reads the setting only after all function
 * modules have loaded, so the order in which Azure loads dist/functions/*.js does not matter.
 *
 * Streaming changes nothing for the other functions: their requests still read with `text()`/`json()`
 * and their non-streamed responses are sent whole. The local host always streams.
 */
import { app } from '@azure/functions';

app.setup({ enableHttpStream: true });
