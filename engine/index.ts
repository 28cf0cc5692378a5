/**
 * The engine's public surface. Adapters (application, storage, bot, functions) import from here.
 * Nothing in engine/ imports storage, bot, functions, @azure/*, botbuilder or node:* (lint holds that).
 */
export * from './answers';
export * from './answerText';
export * from './commands';
export * from './decide';
export * from './effects';
export * from './errors';
export * from './events';
export * from './hashing';
export * from './localized';
export * from './refusals';
export * from './state';
export * from './stateFormat';
export * from './template';
export * from './templateCatalog';
export * from './queries';
export * from './reviewHistory';
