/** Every `noclout` subcommand, in the order the help lists them. */
import type { Command } from '../io.ts';
import { auditCommand } from './audit.ts';
import { checkCommand } from './check.ts';
import { initCommand } from './init.ts';
import { joinCommand } from './join.ts';
import { mergeCommand } from './merge.ts';
import { newCommand } from './new.ts';
import { reviewCommand } from './review.ts';
import { voteCommand } from './vote.ts';
import { whatIfCommand } from './what-if.ts';

export const commands: readonly Command[] = [initCommand, checkCommand, newCommand, joinCommand, voteCommand, whatIfCommand, reviewCommand, mergeCommand, auditCommand];
