import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgeRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { SearchExportService } from './search-export.service.js';

/** `knowledge.search.export`: what search rebuilds its knowledge documents from. */
@Controller()
export class SearchExportHandler {
  constructor(private readonly exports: SearchExportService) {}

  @MessagePattern(R.searchExport.pattern)
  export(@Payload() raw: unknown) {
    return handleRpc(R.searchExport, raw, ({ cursor, limit }) => this.exports.page(cursor, limit));
  }
}
