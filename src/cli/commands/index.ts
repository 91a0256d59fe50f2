/** Every `noclout` subcommand, in the order the help lists them. */
import type { Command } from '../io.ts';
import { checkCommand } from './check.ts';
import { newCommand } from './new.ts';

export const commands: readonly Command[] = [checkCommand, newCommand];
