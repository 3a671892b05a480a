import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgeRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { HandbookService } from './handbook.service.js';
import { HowtoService } from './howto.service.js';

/** The handbook (staff) and the how-to pages (clients). */
@Controller()
export class HandbookHandler {
  constructor(
    private readonly handbook: HandbookService,
    private readonly howtos: HowtoService,
  ) {}

  @MessagePattern(R.listChapters.pattern)
  chapters(@Payload() raw: unknown) {
    return handleRpc(R.listChapters, raw, (_q, p) => this.handbook.chapters(p!));
  }

  @MessagePattern(R.createChapter.pattern)
  createChapter(@Payload() raw: unknown) {
    return handleRpc(R.createChapter, raw, (c, p) => this.handbook.createChapter(c, p!));
  }

  @MessagePattern(R.getArticle.pattern)
  article(@Payload() raw: unknown) {
    return handleRpc(R.getArticle, raw, ({ id }, p) => this.handbook.get(id, p!));
  }

  @MessagePattern(R.createArticle.pattern)
  createArticle(@Payload() raw: unknown) {
    return handleRpc(R.createArticle, raw, (a, p) => this.handbook.create(a, p!));
  }

  @MessagePattern(R.updateArticle.pattern)
  updateArticle(@Payload() raw: unknown) {
    return handleRpc(R.updateArticle, raw, ({ id, patch }, p) => this.handbook.update(id, patch, p!));
  }

  @MessagePattern(R.listVersions.pattern)
  versions(@Payload() raw: unknown) {
    return handleRpc(R.listVersions, raw, ({ id }, p) => this.handbook.versions(id, p!));
  }

  @MessagePattern(R.getVersion.pattern)
  version(@Payload() raw: unknown) {
    return handleRpc(R.getVersion, raw, ({ id, n }, p) => this.handbook.version(id, n, p!));
  }

  @MessagePattern(R.diffVersions.pattern)
  diff(@Payload() raw: unknown) {
    return handleRpc(R.diffVersions, raw, ({ id, from, to }, p) => this.handbook.diff(id, from, to, p!));
  }

  @MessagePattern(R.reviewDue.pattern)
  reviewDue(@Payload() raw: unknown) {
    return handleRpc(R.reviewDue, raw, ({ within }, p) => this.handbook.reviewDue(within, p!));
  }

  @MessagePattern(R.listHowtos.pattern)
  howtoList(@Payload() raw: unknown) {
    return handleRpc(R.listHowtos, raw, (_q, p) => this.howtos.list(p!));
  }

  @MessagePattern(R.getHowto.pattern)
  howto(@Payload() raw: unknown) {
    return handleRpc(R.getHowto, raw, ({ id }, p) => this.howtos.get(id, p!));
  }

  @MessagePattern(R.createHowto.pattern)
  createHowto(@Payload() raw: unknown) {
    return handleRpc(R.createHowto, raw, (h, p) => this.howtos.create(h, p!));
  }

  @MessagePattern(R.updateHowto.pattern)
  updateHowto(@Payload() raw: unknown) {
    return handleRpc(R.updateHowto, raw, ({ id, patch }, p) => this.howtos.update(id, patch, p!));
  }
}
