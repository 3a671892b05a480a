import { ApiError, type ApiClient } from './api-client';

/** Documents (folders, files, versions, trash) as the gateway answers them (`libs/contracts/src/documents.ts`). */
export interface DocFolder {
  id: string;
  name: string;
  intranet: 'staff' | 'client';
  audience: 'organization' | 'group';
  groupId: string | null;
  parentId: string | null;
  canWrite: boolean;
  createdAt: string;
}
export interface DocFile {
  id: string;
  folderId: string;
  title: string;
  description: string;
  tags: string[];
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  version: number;
  hasThumbnail: boolean;
  ownedByMe: boolean;
  canWrite: boolean;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
}
export interface DocFolderView extends DocFolder {
  path: { id: string; name: string }[];
  folders: DocFolder[];
  files: DocFile[];
}
export interface DocVersion {
  n: number;
  name: string;
  size: number;
  mimeType: string;
  sha256: string;
  uploadedByMe: boolean;
  current: boolean;
  at: string;
}

const id = (value: string) => encodeURIComponent(value);

/**
 * A multipart upload with progress: `fetch` cannot tell how much of a body is sent, so this uses
 * XMLHttpRequest. Resolves with the JSON answer; rejects with an ApiError.
 */
async function upload<T>(
  http: ApiClient,
  path: string,
  form: FormData,
  onProgress?: (fraction: number) => void,
): Promise<T> {
  const headers = await http.authorization();
  return new Promise<T>((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', http.base + path);
    xhr.setRequestHeader('accept', 'application/json');
    for (const [k, v] of Object.entries(headers)) xhr.setRequestHeader(k, v);
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
    };
    xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached'));
    xhr.onload = () => {
      let data: unknown;
      try {
        data = xhr.responseText ? JSON.parse(xhr.responseText) : undefined;
      } catch {
        data = undefined;
      }
      if (xhr.status >= 200 && xhr.status < 300) return resolve(data as T);
      const problem = (data ?? {}) as { code?: unknown; detail?: unknown };
      reject(
        new ApiError(
          xhr.status,
          typeof problem.code === 'string' ? problem.code : 'error',
          typeof problem.detail === 'string' ? problem.detail : xhr.statusText,
        ),
      );
    };
    xhr.send(form);
  });
}

/** Downloads a file behind the token and hands it to the browser under `name`. */
async function download(http: ApiClient, path: string, name: string): Promise<void> {
  const url = await http.objectUrl(http.base + path);
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

export function documentsApi(http: ApiClient) {
  return {
    folders: (query: { parentId?: string; groupId?: string } = {}) =>
      http.get<{ items: DocFolder[] }>('/folders', query),
    folder: (folderId: string) => http.get<DocFolderView>(`/folders/${id(folderId)}`),
    createFolder: (body: { name: string; parentId?: string; groupId?: string }) =>
      http.post<DocFolder>('/folders', body),
    file: (fileId: string) => http.get<DocFile>(`/files/${id(fileId)}`),
    /** Fields before the file: the gateway decides before a byte is stored. */
    upload: (folderId: string, file: File, title: string | undefined, onProgress?: (f: number) => void) => {
      const form = new FormData();
      form.append('folderId', folderId);
      if (title) form.append('title', title);
      form.append('file', file, file.name);
      return upload<DocFile>(http, '/files', form, onProgress);
    },
    uploadVersion: (fileId: string, file: File, onProgress?: (f: number) => void) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return upload<DocFile>(http, `/files/${id(fileId)}/versions`, form, onProgress);
    },
    versions: (fileId: string) => http.get<{ items: DocVersion[] }>(`/files/${id(fileId)}/versions`),
    restoreVersion: (fileId: string, n: number) =>
      http.post<DocFile>(`/files/${id(fileId)}/versions/${n}/restore`),
    remove: (fileId: string) => http.delete<DocFile>(`/files/${id(fileId)}`),
    restore: (fileId: string) => http.post<DocFile>(`/files/${id(fileId)}/restore`),
    trash: () => http.get<{ items: DocFile[] }>('/trash'),
    download: (file: Pick<DocFile, 'id' | 'name'>, version?: number) =>
      download(http, `/files/${id(file.id)}/content${version ? `?version=${version}` : ''}`, file.name),
  };
}
export type DocumentsApi = ReturnType<typeof documentsApi>;

/** A size as people read it: 12 kB, 3,4 MB. */
export function formatSize(bytes: number, language: string): string {
  const units = ['B', 'kB', 'MB', 'GB'];
  let n = bytes;
  let u = 0;
  while (n >= 1000 && u < units.length - 1) {
    n /= 1000;
    u++;
  }
  return `${new Intl.NumberFormat(language, { maximumFractionDigits: u === 0 ? 0 : 1 }).format(n)} ${units[u]}`;
}
