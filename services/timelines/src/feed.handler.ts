import { Controller } from '@nestjs/common';
import { MessagePattern, Payload } from '@nestjs/microservices';
import { TimelinesRpc as R } from '@plein/contracts';
import { handleRpc } from '@plein/messaging';
import { FeedService } from './feed.service.js';
import { FollowService } from './follow.service.js';

@Controller()
export class FeedHandler {
  constructor(
    private readonly feeds: FeedService,
    private readonly follows: FollowService,
  ) {}

  @MessagePattern(R.feed.pattern)
  feed(@Payload() raw: unknown) {
    return handleRpc(R.feed, raw, (d, p) => this.feeds.feed(p!, d));
  }

  @MessagePattern(R.listFollows.pattern)
  listFollows(@Payload() raw: unknown) {
    return handleRpc(R.listFollows, raw, (_d, p) => this.follows.list(p!));
  }

  @MessagePattern(R.follow.pattern)
  follow(@Payload() raw: unknown) {
    return handleRpc(R.follow, raw, (d, p) => this.follows.follow(p!, d.userId));
  }

  @MessagePattern(R.unfollow.pattern)
  unfollow(@Payload() raw: unknown) {
    return handleRpc(R.unfollow, raw, (d, p) => this.follows.unfollow(p!, d.userId));
  }
}
