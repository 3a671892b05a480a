import type { ApiClient } from './api-client.js';

/** The knowledge base's shapes as the portals read them (libs/contracts/src/knowledge.ts is the source). */
export interface PersonCard {
  id: string;
  kind: 'staff' | 'client';
  displayName: string;
}

export interface QuestionSummary {
  id: string;
  intranet: 'staff' | 'client';
  audience: 'organization' | 'group';
  groupId: string | null;
  title: string;
  tags: string[];
  anonymous: boolean;
  /** Null for an anonymous question (but for moderators). */
  asker: PersonCard | null;
  askedByMe: boolean;
  answerCount: number;
  acceptedAnswerId: string | null;
  hidden: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface AnswerView {
  id: string;
  questionId: string;
  body: string;
  author: PersonCard | null;
  score: number;
  myVote?: 1 | -1;
  accepted: boolean;
  comments: { id: string; body: string; author: PersonCard | null; createdAt: string }[];
  createdAt: string;
}

export interface QuestionView extends QuestionSummary {
  body: string;
  following: boolean;
  canAccept: boolean;
  answers: AnswerView[];
}

export interface NewQuestion {
  title: string;
  body: string;
  tags?: string[];
  groupId?: string;
  anonymous?: boolean;
}

export interface ArticleSummary {
  id: string;
  chapterId: string;
  title: string;
  state: 'draft' | 'published';
  owner: PersonCard | null;
  reviewBy: string | null;
  publishedVersion: number | null;
  latestVersion: number;
  updatedAt: string;
}
export interface ArticleView extends ArticleSummary {
  version: number;
  body: string;
  changeNote: string;
  canEdit: boolean;
}
export interface Chapter {
  id: string;
  slug: string;
  title: string;
  position: number;
  articles: ArticleSummary[];
}
export interface ArticleVersionSummary {
  n: number;
  title: string;
  changeNote: string;
  author: PersonCard | null;
  at: string;
  published: boolean;
}
export interface ArticleDiff {
  articleId: string;
  from: number;
  to: number;
  patch: string;
  parts: { kind: 'same' | 'added' | 'removed'; text: string }[];
}
export interface ArticleChange {
  title?: string;
  body?: string;
  changeNote: string;
  state?: 'draft' | 'published';
  reviewBy?: string | null;
}
export interface Howto {
  id: string;
  title: string;
  body: string;
  published: boolean;
  author: PersonCard | null;
  updatedAt: string;
  canEdit: boolean;
}

const id = (value: string): string => encodeURIComponent(value);

/** Questions and answers: the same paths in both route trees. */
export function questionsApi(http: ApiClient) {
  return {
    questions: (query: { filter?: 'recent' | 'unanswered'; tag?: string; cursor?: string } = {}) =>
      http.get<{ items: QuestionSummary[]; nextCursor?: string }>('/questions', { ...query }),
    ask: (question: NewQuestion) => http.post<QuestionView>('/questions', question),
    question: (questionId: string) => http.get<QuestionView>(`/questions/${id(questionId)}`),
    answer: (questionId: string, body: string) =>
      http.post<AnswerView>(`/questions/${id(questionId)}/answers`, { body }),
    accept: (questionId: string, answerId: string) =>
      http.put<QuestionView>(`/questions/${id(questionId)}/accepted`, { answerId }),
    vote: (answerId: string, value: 1 | -1) =>
      http.put<{ answerId: string; score: number; myVote?: 1 | -1 }>(`/answers/${id(answerId)}/vote`, {
        value,
      }),
    unvote: (answerId: string) =>
      http.delete<{ answerId: string; score: number }>(`/answers/${id(answerId)}/vote`),
    follow: (questionId: string, following: boolean) =>
      following
        ? http.put<unknown>(`/questions/${id(questionId)}/follow`)
        : http.delete<unknown>(`/questions/${id(questionId)}/follow`),
  };
}
export type QuestionsApi = ReturnType<typeof questionsApi>;

/** The quality handbook (staff tree only). */
export function handbookApi(http: ApiClient) {
  return {
    chapters: () => http.get<{ items: Chapter[] }>('/handbook'),
    article: (articleId: string) => http.get<ArticleView>(`/handbook/articles/${id(articleId)}`),
    updateArticle: (articleId: string, change: ArticleChange) =>
      http.patch<ArticleView>(`/handbook/articles/${id(articleId)}`, change),
    versions: (articleId: string) =>
      http.get<{ items: ArticleVersionSummary[] }>(`/handbook/articles/${id(articleId)}/versions`),
    diff: (articleId: string, from: number, to: number) =>
      http.get<ArticleDiff>(`/handbook/articles/${id(articleId)}/diff`, { from, to }),
    reviewDue: (within = 30) => http.get<{ items: ArticleSummary[] }>('/handbook/review-due', { within }),
  };
}
export type HandbookApi = ReturnType<typeof handbookApi>;

/** "Hoe werkt het?" (client tree). */
export function howtoApi(http: ApiClient) {
  return {
    howtos: () => http.get<{ items: Omit<Howto, 'body'>[] }>('/howtos'),
    howto: (howtoId: string) => http.get<Howto>(`/howtos/${id(howtoId)}`),
  };
}
