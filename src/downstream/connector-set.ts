import type { Config } from '../config';
import type { ConnectorConfig } from '../connectors-contract/config';
import type { Connector } from '../connectors-contract/connector';
import { CONNECTOR_MODULES } from '../registry';

/** A configured connector: its validated entry and the instance its module built. */
export interface ConfiguredConnector {
  config: ConnectorConfig;
  connector: Connector;
}

const built = new WeakMap<Config, Map<string, ConfiguredConnector>>();

/** The queue one connector's deliveries go through: its own, so one downstream's outage holds up no other. */
export function connectorQueue(connectorId: string): string {
  return `connector-${connectorId}`;
}

/** The connectors of this configuration, built once per process (web and worker share them). */
export function connectorsOf(config: Config): Map<string, ConfiguredConnector> {
  let set = built.get(config);
  if (!set) {
    set = new Map();
    for (const entry of config.connectors) {
      const module = CONNECTOR_MODULES.find((m) => m.type === entry.type);
      if (!module) throw new Error(`connectors: no connector type "${entry.type}" is registered`);
      set.set(entry.id, { config: entry, connector: module.create(entry, { publicBaseUrl: config.publicBaseUrl }) });
    }
    built.set(config, set);
  }
  return set;
}
