import type { FeedEvent } from '../../shared/protocol/index.ts';

declare module '@tanstack/react-query' {
  interface Register {
    queryMeta: {
      /**
       * A query the gateway answers from state the console does not hold (counts over the
       * history, dispatch logs) names the feed events that make it stale; the feed client asks
       * again after them. The feature that owns the query says so, not the feed client.
       */
      staleOn?: (event: FeedEvent) => boolean;
    };
  }
}
