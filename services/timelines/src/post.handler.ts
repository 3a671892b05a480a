import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TimelinesRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { CommentService } from './comment.service.js';
import { ConfirmationService } from './confirmation.service.js';
import { PostService } from './post.service.js';
import { ReactionService } from './reaction.service.js';

/** Posts, comments, reactions and read confirmations. The principal is required by every contract here. */
@Controller()
export class PostHandler {
  constructor(
    private readonly posts: PostService,
    private readonly comments: CommentService,
    private readonly reactions: ReactionService,
    private readonly readConfirmations: ConfirmationService,
  ) {}

  @MessagePattern(R.createPost.pattern)
  create(@Payload() raw: unknown) {
    return handleRpc(R.createPost, raw, (d, p) => this.posts.create(p!, d));
  }

  @MessagePattern(R.getPost.pattern)
  get(@Payload() raw: unknown) {
    return handleRpc(R.getPost, raw, (d, p) => this.posts.get(p!, d.id));
  }

  @MessagePattern(R.updatePost.pattern)
  update(@Payload() raw: unknown) {
    return handleRpc(R.updatePost, raw, (d, p) => this.posts.update(p!, d.id, d.patch));
  }

  @MessagePattern(R.deletePost.pattern)
  delete(@Payload() raw: unknown) {
    return handleRpc(R.deletePost, raw, (d, p) => this.posts.delete(p!, d.id));
  }

  @MessagePattern(R.hidePost.pattern)
  hide(@Payload() raw: unknown) {
    return handleRpc(R.hidePost, raw, (d, p) => this.posts.hide(p!, d.id, d.hidden));
  }

  @MessagePattern(R.postHistory.pattern)
  history(@Payload() raw: unknown) {
    return handleRpc(R.postHistory, raw, (d, p) => this.posts.history(p!, d.id));
  }

  @MessagePattern(R.createComment.pattern)
  comment(@Payload() raw: unknown) {
    return handleRpc(R.createComment, raw, (d, p) => this.comments.comment(p!, d.postId, d));
  }

  @MessagePattern(R.setReaction.pattern)
  react(@Payload() raw: unknown) {
    return handleRpc(R.setReaction, raw, (d, p) => this.reactions.react(p!, d.postId, d.kind));
  }

  @MessagePattern(R.removeReaction.pattern)
  unreact(@Payload() raw: unknown) {
    return handleRpc(R.removeReaction, raw, (d, p) => this.reactions.unreact(p!, d.postId));
  }

  @MessagePattern(R.confirmRead.pattern)
  confirm(@Payload() raw: unknown) {
    return handleRpc(R.confirmRead, raw, (d, p) => this.readConfirmations.confirm(p!, d.postId));
  }

  @MessagePattern(R.listConfirmations.pattern)
  confirmations(@Payload() raw: unknown) {
    return handleRpc(R.listConfirmations, raw, (d, p) => this.readConfirmations.confirmations(p!, d.postId));
  }
}
