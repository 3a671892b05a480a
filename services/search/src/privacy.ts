import { Controller, Inject } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { formerPersonOf } from '@plein/auth';
import { ErasureRequested, type RpcResponse, erasureConfirmed, personalDataExport } from '@plein/contracts';
import { type ConsumerSpec, handleRpc, recordEvent } from '@plein/messaging';
import { SEARCH_ENGINE, type SearchEngine } from './engine/search-engine.js';
import { SERVICE } from './search.config.js';

/**
 * Erasure (AVG), search's part: the person's own entries (their views in the smoelenboek) leave the index, with the
 * words only they brought to the typo lexicon; entries of what they wrote stay, their author now the stand-in
 * "oud-medewerker"/"oud-deelnemer", and no entry names them any more. The confirmation goes to search's outbox.
 */
export const erasureConsumer = (engine: SearchEngine): ConsumerSpec<typeof ErasureRequested.data> => ({
  durable: 'search-erasure',
  event: ErasureRequested,
  handle: async (tx, data) => {
    const { removed, anonymised } = await engine.erasePerson(data.userId, formerPersonOf(data.realm).id);
    recordEvent(
      tx,
      erasureConfirmed('search'),
      {
        erasureId: data.erasureId,
        userId: data.userId,
        service: 'search',
        removed: { personEntries: removed },
        anonymised: { entries: anonymised },
        confirmedAt: new Date().toISOString(),
      },
      SERVICE,
    );
  },
});

const SearchExport = personalDataExport('search');

/**
 * The personal-data export: search holds copies of what the other services hold (they export the originals), and
 * of the person, their entries in the smoelenboek as others find them.
 */
@Controller()
export class PrivacyHandler {
  constructor(@Inject(SEARCH_ENGINE) private readonly engine: SearchEngine) {}

  @MessagePattern(SearchExport.pattern)
  export(@Payload() raw: unknown): Promise<RpcResponse<typeof SearchExport>> {
    return handleRpc(SearchExport, raw, async ({ userId }) => ({
      service: 'search' as const,
      sections: {
        personEntries: (await this.engine.personEntries(userId)).map((d) => ({
          intranet: d.intranet,
          title: d.title,
          body: d.body,
          updatedAt: d.updatedAt,
        })),
      },
    }));
  }
}
