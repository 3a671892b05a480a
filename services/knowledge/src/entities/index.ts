import { AnswerCommentEntity, AnswerEntity, QuestionFollowEntity, VoteEntity } from './answer.entity.js';
import { ArticleEntity, ArticleVersionEntity, ChapterEntity, HowtoEntity } from './handbook.entity.js';
import { PersonFactsEntity } from './person-facts.entity.js';
import { PersonEntity } from './person.entity.js';
import { QuestionEntity } from './question.entity.js';

export const KNOWLEDGE_ENTITIES = [
  PersonEntity,
  PersonFactsEntity,
  QuestionEntity,
  AnswerEntity,
  VoteEntity,
  AnswerCommentEntity,
  QuestionFollowEntity,
  ChapterEntity,
  ArticleEntity,
  ArticleVersionEntity,
  HowtoEntity,
];
