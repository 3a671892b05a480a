import { bindNamed } from '@plein/persistence';

/** The people who hold a function (profiles are not entities yet): their profile events follow its removal. */
export const functionHoldersQuery = (functionId: string) =>
  bindNamed({
    sql: `select user_id from "directory"."profiles" where function_id = :functionId`,
    params: { functionId },
  });
