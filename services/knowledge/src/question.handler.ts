import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { KnowledgeRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { AnswerService } from './answer.service.js';
import { QuestionService } from './question.service.js';

/** Questions and answers: one line per message, the work in the services. */
@Controller()
export class QuestionHandler {
  constructor(
    private readonly questions: QuestionService,
    private readonly answers: AnswerService,
  ) {}

  @MessagePattern(R.listQuestions.pattern)
  list(@Payload() raw: unknown) {
    return handleRpc(R.listQuestions, raw, (q, p) => this.questions.list(q, p!));
  }

  @MessagePattern(R.askQuestion.pattern)
  ask(@Payload() raw: unknown) {
    return handleRpc(R.askQuestion, raw, (q, p) => this.questions.ask(q, p!));
  }

  @MessagePattern(R.getQuestion.pattern)
  get(@Payload() raw: unknown) {
    return handleRpc(R.getQuestion, raw, ({ id }, p) => this.questions.get(id, p!));
  }

  @MessagePattern(R.updateQuestion.pattern)
  update(@Payload() raw: unknown) {
    return handleRpc(R.updateQuestion, raw, ({ id, patch }, p) => this.questions.update(id, patch, p!));
  }

  @MessagePattern(R.deleteQuestion.pattern)
  remove(@Payload() raw: unknown) {
    return handleRpc(R.deleteQuestion, raw, ({ id }, p) => this.questions.remove(id, p!));
  }

  @MessagePattern(R.followQuestion.pattern)
  follow(@Payload() raw: unknown) {
    return handleRpc(R.followQuestion, raw, ({ id, following }, p) =>
      this.questions.follow(id, following, p!),
    );
  }

  @MessagePattern(R.acceptAnswer.pattern)
  accept(@Payload() raw: unknown) {
    return handleRpc(R.acceptAnswer, raw, ({ id, answerId }, p) => this.answers.accept(id, answerId, p!));
  }

  @MessagePattern(R.postAnswer.pattern)
  answer(@Payload() raw: unknown) {
    return handleRpc(R.postAnswer, raw, ({ questionId, body }, p) => this.answers.post(questionId, body, p!));
  }

  @MessagePattern(R.voteAnswer.pattern)
  vote(@Payload() raw: unknown) {
    return handleRpc(R.voteAnswer, raw, ({ id, value }, p) => this.answers.vote(id, value, p!));
  }

  @MessagePattern(R.unvoteAnswer.pattern)
  unvote(@Payload() raw: unknown) {
    return handleRpc(R.unvoteAnswer, raw, ({ id }, p) => this.answers.unvote(id, p!));
  }

  @MessagePattern(R.commentAnswer.pattern)
  comment(@Payload() raw: unknown) {
    return handleRpc(R.commentAnswer, raw, ({ id, body }, p) => this.answers.comment(id, body, p!));
  }
}
