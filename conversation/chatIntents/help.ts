/** "hjelp" / "help": the help card, listing every command word (commandParser.ts). */
import { helpCard } from '../../cards';
import { commandHelp } from '../commandParser';
import { replyCard } from '../reply';
import { anywhere } from './chatIntent';

export const help = anywhere<'help'>((_app, _turn, _intent, here) =>
  Promise.resolve(replyCard(helpCard(here.language, commandHelp(here.language)))),
);
