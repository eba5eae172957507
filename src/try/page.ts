import type { SimulatedChannel } from './availability';
import { paneHtml, paneLink } from './panes';

/** The /try page: the static shell with one pane (and one navigation link) per simulated channel, in registry order. */
export function renderTryPage(shell: string, channels: readonly SimulatedChannel[]): string {
  return shell.replace('<!-- pane links -->', channels.map(paneLink).join(' ')).replace('<!-- panes -->\n', channels.map(paneHtml).join('\n'));
}
