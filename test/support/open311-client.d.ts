/** The parts of the npm `open311` client (codeforamerica/node-open311, untyped) our interop test drives. */
declare module 'open311' {
  type Callback<T> = (err: unknown, data: T) => void;
  class Open311 {
    constructor(options: { discovery?: string; endpoint?: string; apiKey?: string; jurisdiction?: string; format?: 'json' | 'xml' });
    endpoint?: string;
    format: string;
    serviceDiscovery(options: { cache?: boolean; type?: string }, callback: Callback<Record<string, unknown>>): void;
    serviceList(callback: Callback<Record<string, unknown>[]>): void;
    serviceDefinition(code: string, callback: Callback<Record<string, unknown>>): void;
    submitRequest(data: Record<string, unknown>, callback: Callback<Record<string, unknown>[]>): void;
    token(token: string, callback: Callback<Record<string, unknown>[]>): void;
    serviceRequests(
      id: string | string[] | Record<string, string>,
      params?: Record<string, string> | Callback<Record<string, unknown>[]>,
      callback?: Callback<Record<string, unknown>[]>,
    ): void;
    /** The client's own GET helper, for resources it has no method for (FixMyStreet's servicerequestupdates). */
    _get(path: string, params: Record<string, string>, callback: Callback<string>): void;
  }
  export = Open311;
}
