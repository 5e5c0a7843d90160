// Generated from the served /docs/openapi.json by test/openapi.e2e-spec.ts. Do not edit.
export interface paths {
    "/problems": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List every problem type the API can answer with */
        get: operations["ProblemsController_list"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/problems/{slug}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Describe one problem type */
        get: operations["ProblemsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/live": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Liveness: the process serves requests */
        get: operations["HealthController_live"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/health/ready": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Readiness: the database answers and every enabled storage provider can serve */
        get: operations["HealthController_ready"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/metrics": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Prometheus metrics */
        get: operations["MetricsController_scrape"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a bundle
         * @description The secret in the answer is shown only once.
         */
        post: operations["BundlesController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Read a bundle's metadata */
        get: operations["BundlesController_get"];
        put?: never;
        post?: never;
        /** Delete a bundle */
        delete: operations["BundlesController_remove"];
        options?: never;
        head?: never;
        /** Change a bundle's filename, visibility, archive options or expiry */
        patch: operations["BundlesController_update"];
        trace?: never;
    };
    "/v1/bundles/{id}/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List a bundle's files, in order, a page at a time */
        get: operations["BundlesController_listFiles"];
        put?: never;
        /** Append files to a bundle */
        post: operations["BundlesController_append"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{id}/links": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Mint a signed, expiring download link
         * @description The link opens the download only, without the secret.
         */
        post: operations["BundlesController_createLink"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/archives": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Stream a one-off zip of the posted files; nothing is stored */
        post: operations["ArchiveController_oneOff"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{id}/files/{index}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Download one file of a bundle as itself, with ranges (HEAD too) */
        get: operations["FilePassthroughController_file"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{id}/seal": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** Whether the bundle's layout is known, and how far a running seal has got */
        get: operations["SealController_status"];
        put?: never;
        /**
         * Seal the bundle's zip layout ahead of any download
         * @description Reads each source once (a few at a time; none whose store knows its CRC-32) to learn every entry's size and CRC-32, so that downloads carry an exact Content-Length, a strong ETag and byte ranges. Runs in the background: follow it with GET. A complete download learns the same layout by itself. Any change to the bundle, or to a source, unseals it.
         */
        post: operations["SealController_seal"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{id}/download": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Download a bundle as a zip, built on the fly (HEAD too)
         * @description Once the layout of a stored bundle is known (learnt from a complete download, or sealed), the answer carries an exact Content-Length, a strong ETag, Last-Modified and Accept-Ranges, and one `Range` (with `If-Range`) gets a 206: a broken download resumes with `curl -C -`. Until then, or with deflated entries, the zip streams without a length. Every download of a bundle version is the same bytes, so a broken first download resumes correctly too once the layout is known.
         */
        get: operations["ArchiveController_download"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** List the API key's files, newest first, a page at a time */
        get: operations["FilesController_list"];
        /** Upload a file: the same as POST (for clients such as `curl -T` that send PUT) */
        put: operations["FilesController_uploadByPut"];
        /**
         * Upload a file (raw body) or files (multipart/form-data)
         * @description A raw body of any type is one file, named by `?filename=` or `Content-Disposition`; a multipart/form-data body stores each file part. The bytes are stored as they arrive; SHA-256 and CRC-32 are computed on the way. `Content-Digest: sha-256=:…:` (RFC 9530) is checked: a mismatch stores nothing. For multi-gigabyte files over unreliable links use the resumable tus endpoint, `/v1/uploads`.
         */
        post: operations["FilesController_upload"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{filename}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        /** Upload a file under the name in the path: a new file each time */
        put: operations["FilesController_uploadNamed"];
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** A stored file's metadata */
        get: operations["FilesController_get"];
        put?: never;
        post?: never;
        /**
         * Delete a stored file
         * @description Refused (409) while a bundle refers to it, unless `?force=true`.
         */
        delete: operations["FilesController_remove"];
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/files/{id}/content": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * A stored file's bytes, with ranges (HEAD too)
         * @description Strong ETag from the SHA-256; Range, If-Range and If-None-Match are honoured.
         */
        get: operations["FilesController_content"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /** Start a resumable upload (tus creation; with a body, creation-with-upload) */
        post: operations["TusController_create"];
        delete?: never;
        /** What this tus server supports (no credentials needed) */
        options: operations["TusController_discover"];
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/uploads/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        post?: never;
        /** Abandon an unfinished upload (tus termination): its bytes are removed */
        delete: operations["TusController_terminate"];
        options?: never;
        /** How far an upload got: Upload-Offset (resume from there) */
        head: operations["TusController_head"];
        /**
         * Append bytes to an upload
         * @description The last byte makes the stored file `store://<id>`.
         */
        patch: operations["TusController_patch"];
        trace?: never;
    };
    "/v1/bundles/{id}/manifest": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /**
         * Export the bundle's file list as CSV or XLSX, streamed
         * @description One row per file, in order: `position` (from 0), `dst` (the entry name in the zip), `src` (query strings redacted), `size`, `crc32` (hex) and `version` where known. Same credentials as the download. Importing it gives a bundle whose zip names every file the same.
         */
        get: operations["ManifestController_export"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Create a bundle from a spreadsheet
         * @description All rows or none. A short import answers at once (201, or 422 with the invalid rows); a longer one answers 202 with the import to poll. The secret is shown only here.
         */
        post: operations["ImportsController_create"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/bundles/{id}/files/import": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        get?: never;
        put?: never;
        /**
         * Append a spreadsheet's rows to a bundle
         * @description All rows or none. A short import answers at once (200, or 422 with the invalid rows); a longer one answers 202 with the import to poll.
         */
        post: operations["ImportsController_append"];
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
    "/v1/imports/{id}": {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** An import's state, rows read and errors (from any instance) */
        get: operations["ImportsController_get"];
        put?: never;
        post?: never;
        delete?: never;
        options?: never;
        head?: never;
        patch?: never;
        trace?: never;
    };
}
export type webhooks = Record<string, never>;
export interface components {
    schemas: {
        ProblemTypeDto: {
            /** @example /problems/bundle-expired */
            type: string;
            /** @example BUNDLE_EXPIRED */
            code: Record<string, never>;
            /** @example 410 */
            status: number;
            /** @example The bundle has expired */
            title: string;
        };
        FieldErrorDto: {
            /**
             * @description JSON Pointer to the offending member
             * @example /files/0/dst
             */
            pointer: string;
            /** @example must not contain ".." segments */
            detail: string;
            /**
             * @description For an imported spreadsheet: the row, as a spreadsheet numbers it (the header is row 1)
             * @example 7
             */
            row?: number;
            /**
             * @description For an imported spreadsheet: the column, by its header name
             * @example src
             */
            column?: string;
        };
        ProblemDto: {
            /**
             * @description Stable URI identifying the problem type
             * @example /problems/bundle-not-found
             */
            type: string;
            /** @example No such bundle, or the secret does not match it */
            title: string;
            /** @example 404 */
            status: number;
            /** @example No such bundle, or the secret does not match it */
            detail: string;
            /** @example /v1/bundles/0b7e2c4e-9d56-4a43-9a43-1a9a8a1c2d3e */
            instance: string;
            /**
             * @example BUNDLE_NOT_FOUND
             * @enum {string}
             */
            code: "VALIDATION_FAILED" | "INVALID_CURSOR" | "UNAUTHORIZED" | "FORBIDDEN" | "NOT_FOUND" | "FILE_NOT_FOUND" | "UPLOAD_NOT_FOUND" | "BUNDLE_NOT_FOUND" | "IMPORT_NOT_FOUND" | "METHOD_NOT_ALLOWED" | "NOT_ACCEPTABLE" | "LAYOUT_NOT_POSSIBLE" | "FILE_IN_USE" | "UPLOAD_OFFSET_MISMATCH" | "UPLOAD_EXPIRED" | "TUS_VERSION_UNSUPPORTED" | "BUNDLE_EXPIRED" | "DIGEST_MISMATCH" | "CHECKSUM_MISMATCH" | "FILE_TOO_LARGE" | "PAYLOAD_TOO_LARGE" | "IMPORT_TOO_LARGE" | "UNSUPPORTED_MEDIA_TYPE" | "RANGE_NOT_SATISFIABLE" | "TOO_MANY_FILES" | "IMPORT_INVALID" | "TOO_MANY_REQUESTS" | "INTERNAL_ERROR" | "SOURCE_NOT_FOUND" | "SOURCE_FORBIDDEN" | "SOURCE_UNAVAILABLE" | "SOURCE_CHANGED" | "SOURCE_SIZE_MISMATCH" | "QUOTA_EXCEEDED" | "STORE_FULL" | "SERVICE_UNAVAILABLE";
            /** @example 5f1f0a52-3c7a-4e35-8f07-2f4d3f0f6f11 */
            requestId?: string;
            /** @description Present on validation failures */
            errors?: components["schemas"]["FieldErrorDto"][];
        };
        FileRefDto: {
            /**
             * @description Where the file is: `s3://bucket/key`, `https://…`, `http://…` or `file:///path/under/root`
             * @example s3://reports/2026/q3/summary.pdf
             */
            src: string;
            /**
             * @description Path of the entry inside the zip; relative, no `..`. Defaults to the path of `src`.
             * @example reports/summary.pdf
             */
            dst?: string;
        };
        CreateBundleDto: {
            /**
             * @description How entries are stored: `store` (exact sizes, resumable), `auto` (deflate what is likely to shrink), `deflate` (everything). Default: ARCHIVE_COMPRESSION (`store`).
             * @enum {string}
             */
            compression?: "store" | "auto" | "deflate";
            /**
             * @description End the zip with MANIFEST.txt and MANIFEST.csv
             * @default true
             */
            coverSheet?: boolean;
            /**
             * @description Download filename; sanitised, `.zip` appended if missing. Default `bundle-<id>.zip`.
             * @example q3-reports.zip
             */
            filename?: string;
            /**
             * @description Public bundles download with their (unguessable) id alone
             * @default false
             */
            public?: boolean;
            /**
             * @description Files, in archive order
             * @default []
             */
            files?: components["schemas"]["FileRefDto"][];
            /**
             * Format: date-time
             * @description When the bundle expires (RFC 3339). Default: now + BUNDLE_LIFETIME_MINUTES.
             * @example 2026-12-31T23:59:59Z
             */
            expiresAt?: string;
        };
        BundleLinksDto: {
            /** @example /v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55 */
            self: string;
            /** @example /v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55/files */
            files: string;
            /** @example /v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55/download */
            download: string;
        };
        CreatedBundleDto: {
            /**
             * Format: uuid
             * @example 3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55
             */
            id: string;
            /** @example q3-reports.zip */
            filename: string;
            /** @example 2 */
            fileCount: number;
            /** @example false */
            public: boolean;
            /**
             * @example store
             * @enum {string}
             */
            compression: "store" | "auto" | "deflate";
            /** @example true */
            coverSheet: boolean;
            /**
             * Format: date-time
             * @example 2026-11-23T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-23T10:00:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @example 2026-11-30T10:00:00.000Z
             */
            expiresAt: string;
            links: components["schemas"]["BundleLinksDto"];
            /**
             * @description The bundle secret (256 bits, base64url). Shown only here: only its hash is stored.
             * @example Jx7oV1m1n7b0fY3cXWkq8yQ0nq2QpM4d2u9j2c6s0aE
             */
            secret: string;
        };
        BundleDto: {
            /**
             * Format: uuid
             * @example 3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55
             */
            id: string;
            /** @example q3-reports.zip */
            filename: string;
            /** @example 2 */
            fileCount: number;
            /** @example false */
            public: boolean;
            /**
             * @example store
             * @enum {string}
             */
            compression: "store" | "auto" | "deflate";
            /** @example true */
            coverSheet: boolean;
            /**
             * Format: date-time
             * @example 2026-11-23T10:00:00.000Z
             */
            createdAt: string;
            /**
             * Format: date-time
             * @example 2026-11-23T10:00:00.000Z
             */
            updatedAt: string;
            /**
             * Format: date-time
             * @example 2026-11-30T10:00:00.000Z
             */
            expiresAt: string;
            links: components["schemas"]["BundleLinksDto"];
        };
        IndexedFileRefDto: {
            /**
             * @description Where the file is: `s3://bucket/key`, `https://…`, `http://…` or `file:///path/under/root`
             * @example s3://reports/2026/q3/summary.pdf
             */
            src: string;
            /**
             * @description Path of the entry inside the zip; relative, no `..`. Defaults to the path of `src`.
             * @example reports/summary.pdf
             */
            dst?: string;
            /**
             * @description Position of the file in the bundle, from 0
             * @example 0
             */
            index: number;
        };
        FilePageDto: {
            items: components["schemas"]["IndexedFileRefDto"][];
            /**
             * @description Pass as `cursor` for the next page; null on the last page
             * @example aTo1MDA
             */
            nextCursor: string | null;
        };
        AppendFilesDto: {
            /** @description Files to add at the end of the bundle */
            files: components["schemas"]["FileRefDto"][];
        };
        CreateDownloadLinkDto: {
            /**
             * @description Lifetime of the link; default LINK_LIFETIME_MINUTES, never past the bundle's expiry
             * @example 60
             */
            expiresInMinutes?: number;
        };
        DownloadLinkDto: {
            /** @example /v1/bundles/3f2c9a4e-0a7b-4c3e-9d1f-6b2f1c0e8a55/download?token=t1a2b3c.Zm9v… */
            url: string;
            /** @example t1a2b3c.Zm9vYmFy… */
            token: string;
            /** Format: date-time */
            expiresAt: string;
        };
        UpdateBundleDto: {
            /**
             * @description How entries are stored: `store` (exact sizes, resumable), `auto` (deflate what is likely to shrink), `deflate` (everything). Default: ARCHIVE_COMPRESSION (`store`).
             * @enum {string}
             */
            compression?: "store" | "auto" | "deflate";
            /**
             * @description End the zip with MANIFEST.txt and MANIFEST.csv
             * @default true
             */
            coverSheet?: boolean;
            /** @example renamed.zip */
            filename?: string;
            /** @example true */
            public?: boolean;
            /**
             * Format: date-time
             * @example 2027-01-31T00:00:00Z
             */
            expiresAt?: string;
        };
        CreateArchiveDto: {
            /**
             * @description `abort`: a source failing after the first byte aborts the download. `skip`: the entry is left out and listed in the cover sheet.
             * @default abort
             * @enum {string}
             */
            onError?: "abort" | "skip";
            /**
             * @description Overrides the bundle's compression for this download (for one-off archives, ARCHIVE_COMPRESSION is the default). Only `store` gives sizes that are known ahead.
             * @enum {string}
             */
            compression?: "store" | "auto" | "deflate";
            /**
             * @description Stat every source before the first byte; a missing or forbidden one then answers 502 problem+json instead of a zip
             * @default false
             */
            verify?: boolean;
            /** @description Append MANIFEST.txt and MANIFEST.csv as the last entries. Default: the bundle's setting (true for one-off archives). */
            coverSheet?: boolean;
            /** @example attachments.zip */
            filename?: string;
            /** @description Files, in archive order */
            files: components["schemas"]["FileRefDto"][];
        };
        SealStatusDto: {
            /**
             * @description `sealed`: downloads carry Content-Length, ETag and ranges. `unsealed`: not yet known, or a source changed since.
             * @enum {string}
             */
            state: "unsealed" | "sealing" | "sealed" | "failed";
            /**
             * @description Files in the bundle
             * @example 120
             */
            files: number;
            /**
             * @description Files measured so far by the running seal
             * @example 48
             */
            filesDone: number;
            /**
             * @description Source bytes read so far by the running seal (sources whose store knows a CRC-32 need none)
             * @example 734003200
             */
            bytesRead: number;
            /**
             * @description The zip's exact length, once sealed
             * @example 2147500000
             */
            contentLength?: number;
            /**
             * @description The zip's strong ETag, once sealed
             * @example "3q2-7wEjRWeJq83vASNFZ4mrze8BI0Vn"
             */
            etag?: string;
            /**
             * @description Why the last seal failed
             * @example report.pdf: s3://bucket/report.pdf does not exist (HTTP 404)
             */
            error?: string;
        };
        StoredFileDto: {
            /**
             * Format: uuid
             * @example 0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d
             */
            id: string;
            /**
             * @description Use as `src` in a bundle of the same API key
             * @example store://0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d
             */
            src: string;
            /** @example report.pdf */
            name: string;
            /** @example application/pdf */
            contentType: string;
            /** @example 1048576 */
            size: number;
            /**
             * @description SHA-256 of the bytes, as in Content-Digest (RFC 9530)
             * @example sha-256=:47DEQpj8HBSa+/TImW+5JCeuQeRkm5NMpJWZG3hSuFU=:
             */
            digest: string;
            /**
             * @description CRC-32 of the bytes, 8 hex digits
             * @example 1c291ca3
             */
            crc32: string;
            /**
             * @description The strong ETag of GET /v1/files/{id}/content
             * @example "47DEQpj8HBSa-_TImW-5JCeuQeRkm5NMpJWZG3hSuFU"
             */
            etag: string;
            /** Format: date-time */
            createdAt: string;
        };
        StoredFilePageDto: {
            /** @description Newest first */
            items: components["schemas"]["StoredFileDto"][];
            /** @description Pass as `cursor` for the next page; null on the last page */
            nextCursor: string | null;
        };
        RowErrorDto: {
            /**
             * @description The row as a spreadsheet numbers it (the header is row 1)
             * @example 7
             */
            row: number;
            /** @example src */
            column: string;
            /** @example unsupported scheme "ftp" */
            reason: string;
        };
        ImportProblemDto: {
            /** @example /problems/import-invalid */
            type: string;
            /** @example IMPORT_INVALID */
            code: string;
            /** @example 2 row(s) are not valid file references; nothing was imported */
            detail: string;
        };
        CreatedImportDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "create" | "append";
            /** @enum {string} */
            state: "queued" | "running" | "succeeded" | "failed";
            /**
             * Format: uuid
             * @description The bundle appended to, or the one created (which exists once the import succeeded)
             */
            bundleId: string;
            /** @description Data rows read so far */
            rowsRead: number;
            /** @description Files added, once succeeded */
            rowsImported: number | null;
            /** @description The first 100 invalid rows of a failed import */
            errors: components["schemas"]["RowErrorDto"][];
            /** @description Why a failed import failed */
            problem: components["schemas"]["ImportProblemDto"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** @example /v1/imports/0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d */
            url: string;
            /** @description The new bundle's secret: shown only once */
            secret?: string;
        };
        ImportDto: {
            /** Format: uuid */
            id: string;
            /** @enum {string} */
            kind: "create" | "append";
            /** @enum {string} */
            state: "queued" | "running" | "succeeded" | "failed";
            /**
             * Format: uuid
             * @description The bundle appended to, or the one created (which exists once the import succeeded)
             */
            bundleId: string;
            /** @description Data rows read so far */
            rowsRead: number;
            /** @description Files added, once succeeded */
            rowsImported: number | null;
            /** @description The first 100 invalid rows of a failed import */
            errors: components["schemas"]["RowErrorDto"][];
            /** @description Why a failed import failed */
            problem: components["schemas"]["ImportProblemDto"] | null;
            /** Format: date-time */
            createdAt: string;
            /** Format: date-time */
            updatedAt: string;
            /** Format: date-time */
            finishedAt: string | null;
            /** @example /v1/imports/0b6f1c9e-2d3a-4f5b-8c7d-9e0f1a2b3c4d */
            url: string;
        };
    };
    responses: never;
    parameters: never;
    requestBodies: never;
    headers: never;
    pathItems: never;
}
export type $defs = Record<string, never>;
export interface operations {
    ProblemsController_list: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemTypeDto"][];
                };
            };
        };
    };
    ProblemsController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                slug: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ProblemTypeDto"];
                };
            };
            /** @description `NOT_FOUND`: No such resource */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "No such resource",
                     *       "status": 404,
                     *       "detail": "No such resource",
                     *       "instance": "/v1/bundles",
                     *       "code": "NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    HealthController_live: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
        };
    };
    HealthController_ready: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": Record<string, never>;
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    MetricsController_scrape: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Prometheus text exposition format */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/plain": string;
                };
            };
        };
    };
    BundlesController_create: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateBundleDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedBundleDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/payload-too-large",
                     *       "title": "The request body is too large",
                     *       "status": 413,
                     *       "detail": "The request body is too large",
                     *       "instance": "/v1/bundles",
                     *       "code": "PAYLOAD_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The request body's media type is not accepted here */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unsupported-media-type",
                     *       "title": "The request body's media type is not accepted here",
                     *       "status": 415,
                     *       "detail": "The request body's media type is not accepted here",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNSUPPORTED_MEDIA_TYPE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TOO_MANY_FILES`: Too many files */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-files",
                     *       "title": "Too many files",
                     *       "status": 422,
                     *       "detail": "Too many files",
                     *       "instance": "/v1/bundles",
                     *       "code": "TOO_MANY_FILES"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    BundlesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    BundlesController_remove: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    BundlesController_update: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["UpdateBundleDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    BundlesController_listFiles: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's `nextCursor` */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["FilePageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid; `INVALID_CURSOR`: The pagination cursor is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    BundlesController_append: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["AppendFilesDto"];
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["BundleDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/payload-too-large",
                     *       "title": "The request body is too large",
                     *       "status": 413,
                     *       "detail": "The request body is too large",
                     *       "instance": "/v1/bundles",
                     *       "code": "PAYLOAD_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TOO_MANY_FILES`: Too many files */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-files",
                     *       "title": "Too many files",
                     *       "status": 422,
                     *       "detail": "Too many files",
                     *       "instance": "/v1/bundles",
                     *       "code": "TOO_MANY_FILES"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    BundlesController_createLink: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateDownloadLinkDto"];
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["DownloadLinkDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ArchiveController_oneOff: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/json": components["schemas"]["CreateArchiveDto"];
            };
        };
        responses: {
            /** @description A zip archive, streamed as it is built */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `PAYLOAD_TOO_LARGE`: The request body is too large */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/payload-too-large",
                     *       "title": "The request body is too large",
                     *       "status": 413,
                     *       "detail": "The request body is too large",
                     *       "instance": "/v1/bundles",
                     *       "code": "PAYLOAD_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TOO_MANY_FILES`: Too many files */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-files",
                     *       "title": "Too many files",
                     *       "status": 422,
                     *       "detail": "Too many files",
                     *       "instance": "/v1/bundles",
                     *       "code": "TOO_MANY_FILES"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SOURCE_NOT_FOUND`: A source file does not exist; `SOURCE_FORBIDDEN`: A source file may not be read; `SOURCE_UNAVAILABLE`: A source file could not be read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/source-not-found",
                     *       "title": "A source file does not exist",
                     *       "status": 502,
                     *       "detail": "A source file does not exist",
                     *       "instance": "/v1/bundles",
                     *       "code": "SOURCE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilePassthroughController_file: {
        parameters: {
            query?: {
                /** @description A signed download link token, instead of the secret */
                token?: unknown;
            };
            header?: never;
            path: {
                /** @description The file's position in the bundle, from 0 */
                index: string;
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The requested byte range (`Range: bytes=…`) */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (`If-None-Match` names the current ETag) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `NOT_FOUND`: No such resource; `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-found",
                     *       "title": "No such resource",
                     *       "status": 404,
                     *       "detail": "No such resource",
                     *       "instance": "/v1/bundles",
                     *       "code": "NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `RANGE_NOT_SATISFIABLE`: The requested range lies outside the file */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/range-not-satisfiable",
                     *       "title": "The requested range lies outside the file",
                     *       "status": 416,
                     *       "detail": "The requested range lies outside the file",
                     *       "instance": "/v1/bundles",
                     *       "code": "RANGE_NOT_SATISFIABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SOURCE_NOT_FOUND`: A source file does not exist; `SOURCE_FORBIDDEN`: A source file may not be read; `SOURCE_UNAVAILABLE`: A source file could not be read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/source-not-found",
                     *       "title": "A source file does not exist",
                     *       "status": 502,
                     *       "detail": "A source file does not exist",
                     *       "instance": "/v1/bundles",
                     *       "code": "SOURCE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SealController_status: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealStatusDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    SealController_seal: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["SealStatusDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `LAYOUT_NOT_POSSIBLE`: The bundle's zip cannot have a fixed layout */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/layout-not-possible",
                     *       "title": "The bundle's zip cannot have a fixed layout",
                     *       "status": 409,
                     *       "detail": "The bundle's zip cannot have a fixed layout",
                     *       "instance": "/v1/bundles",
                     *       "code": "LAYOUT_NOT_POSSIBLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ArchiveController_download: {
        parameters: {
            query?: {
                /** @description `abort`: a source failing after the first byte aborts the download. `skip`: the entry is left out and listed in the cover sheet. */
                onError?: "abort" | "skip";
                /** @description Overrides the bundle's compression for this download (for one-off archives, ARCHIVE_COMPRESSION is the default). Only `store` gives sizes that are known ahead. */
                compression?: "store" | "auto" | "deflate";
                /** @description Stat every source before the first byte; a missing or forbidden one then answers 502 problem+json instead of a zip */
                verify?: boolean;
                /** @description Append MANIFEST.txt and MANIFEST.csv as the last entries. Default: the bundle's setting (true for one-off archives). */
                coverSheet?: boolean;
                /** @description A signed download link token, instead of the secret */
                token?: unknown;
            };
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description A zip archive, streamed as it is built */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/zip": string;
                };
            };
            /** @description The requested byte range of a bundle whose layout is known */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (`If-None-Match` names the current ETag) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `RANGE_NOT_SATISFIABLE`: The requested range lies outside the file */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/range-not-satisfiable",
                     *       "title": "The requested range lies outside the file",
                     *       "status": 416,
                     *       "detail": "The requested range lies outside the file",
                     *       "instance": "/v1/bundles",
                     *       "code": "RANGE_NOT_SATISFIABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SOURCE_NOT_FOUND`: A source file does not exist; `SOURCE_FORBIDDEN`: A source file may not be read; `SOURCE_UNAVAILABLE`: A source file could not be read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/source-not-found",
                     *       "title": "A source file does not exist",
                     *       "status": 502,
                     *       "detail": "A source file does not exist",
                     *       "instance": "/v1/bundles",
                     *       "code": "SOURCE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_list: {
        parameters: {
            query?: {
                /** @description Opaque cursor from a previous page's `nextCursor` */
                cursor?: string;
                limit?: number;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredFilePageDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid; `INVALID_CURSOR`: The pagination cursor is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_uploadByPut: {
        parameters: {
            query?: {
                /** @description The file's name, for a raw body (else from Content-Disposition) */
                filename?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description The file's bytes, or a form with file parts */
        requestBody: {
            content: {
                "application/octet-stream": string;
                "multipart/form-data": string;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredFileDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid; `DIGEST_MISMATCH`: The bytes received do not match the digest sent with them */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_TOO_LARGE`: The file is larger than the store accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-too-large",
                     *       "title": "The file is larger than the store accepts",
                     *       "status": 413,
                     *       "detail": "The file is larger than the store accepts",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `QUOTA_EXCEEDED`: The API key's storage quota would be exceeded; `STORE_FULL`: The store has no space left */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/quota-exceeded",
                     *       "title": "The API key's storage quota would be exceeded",
                     *       "status": 507,
                     *       "detail": "The API key's storage quota would be exceeded",
                     *       "instance": "/v1/bundles",
                     *       "code": "QUOTA_EXCEEDED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_upload: {
        parameters: {
            query?: {
                /** @description The file's name, for a raw body (else from Content-Disposition) */
                filename?: string;
            };
            header?: {
                /** @description sha-256=:<base64>: of the body (raw uploads) */
                "Content-Digest"?: string;
            };
            path?: never;
            cookie?: never;
        };
        /** @description The file's bytes, or a form with file parts */
        requestBody: {
            content: {
                "application/octet-stream": string;
                "multipart/form-data": string;
            };
        };
        responses: {
            /**
             * @description multipart/form-data
             *
             *     The stored file (raw body), or `{ files: [...] }` (multipart)
             */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredFileDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid; `DIGEST_MISMATCH`: The bytes received do not match the digest sent with them */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_TOO_LARGE`: The file is larger than the store accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-too-large",
                     *       "title": "The file is larger than the store accepts",
                     *       "status": 413,
                     *       "detail": "The file is larger than the store accepts",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `QUOTA_EXCEEDED`: The API key's storage quota would be exceeded; `STORE_FULL`: The store has no space left */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/quota-exceeded",
                     *       "title": "The API key's storage quota would be exceeded",
                     *       "status": 507,
                     *       "detail": "The API key's storage quota would be exceeded",
                     *       "instance": "/v1/bundles",
                     *       "code": "QUOTA_EXCEEDED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_uploadNamed: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                /** @description The new file's name (`curl -T report.pdf https://…/v1/files/`) */
                filename: string;
            };
            cookie?: never;
        };
        /** @description The file's bytes */
        requestBody: {
            content: {
                "application/octet-stream": string;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredFileDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid; `DIGEST_MISMATCH`: The bytes received do not match the digest sent with them */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_TOO_LARGE`: The file is larger than the store accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-too-large",
                     *       "title": "The file is larger than the store accepts",
                     *       "status": 413,
                     *       "detail": "The file is larger than the store accepts",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `QUOTA_EXCEEDED`: The API key's storage quota would be exceeded; `STORE_FULL`: The store has no space left */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/quota-exceeded",
                     *       "title": "The API key's storage quota would be exceeded",
                     *       "status": 507,
                     *       "detail": "The API key's storage quota would be exceeded",
                     *       "instance": "/v1/bundles",
                     *       "code": "QUOTA_EXCEEDED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_get: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["StoredFileDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_NOT_FOUND`: No such stored file, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-not-found",
                     *       "title": "No such stored file, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such stored file, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_remove: {
        parameters: {
            query?: {
                /** @description Delete even when bundles refer to the file (their downloads then fail with SOURCE_NOT_FOUND) */
                force?: "true" | "false";
            };
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Deleted */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_NOT_FOUND`: No such stored file, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-not-found",
                     *       "title": "No such stored file, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such stored file, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_IN_USE`: A bundle refers to the file */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-in-use",
                     *       "title": "A bundle refers to the file",
                     *       "status": 409,
                     *       "detail": "A bundle refers to the file",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_IN_USE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    FilesController_content: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The whole file */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/octet-stream": string;
                };
            };
            /** @description The requested byte range (`Range: bytes=…`) */
            206: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description Not modified (`If-None-Match` names the current ETag) */
            304: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_NOT_FOUND`: No such stored file, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-not-found",
                     *       "title": "No such stored file, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such stored file, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `RANGE_NOT_SATISFIABLE`: The requested range lies outside the file */
            416: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/range-not-satisfiable",
                     *       "title": "The requested range lies outside the file",
                     *       "status": 416,
                     *       "detail": "The requested range lies outside the file",
                     *       "instance": "/v1/bundles",
                     *       "code": "RANGE_NOT_SATISFIABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SOURCE_UNAVAILABLE`: A source file could not be read */
            502: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/source-unavailable",
                     *       "title": "A source file could not be read",
                     *       "status": 502,
                     *       "detail": "A source file could not be read",
                     *       "instance": "/v1/bundles",
                     *       "code": "SOURCE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TusController_create: {
        parameters: {
            query?: never;
            header: {
                /** @description tus metadata; `filename` (or `name`) and `filetype` (or `type`) are kept */
                "Upload-Metadata"?: string;
                /** @description The file's size in bytes */
                "Upload-Length": string;
                "Tus-Resumable": string;
            };
            path?: never;
            cookie?: never;
        };
        requestBody?: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description Created: Location names the upload; Upload-Offset tells how much of a body was kept */
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TUS_VERSION_UNSUPPORTED`: The tus protocol version is not supported */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/tus-version-unsupported",
                     *       "title": "The tus protocol version is not supported",
                     *       "status": 412,
                     *       "detail": "The tus protocol version is not supported",
                     *       "instance": "/v1/bundles",
                     *       "code": "TUS_VERSION_UNSUPPORTED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_TOO_LARGE`: The file is larger than the store accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-too-large",
                     *       "title": "The file is larger than the store accepts",
                     *       "status": 413,
                     *       "detail": "The file is larger than the store accepts",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `CHECKSUM_MISMATCH`: The bytes received do not match the Upload-Checksum sent with them */
            460: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/checksum-mismatch",
                     *       "title": "The bytes received do not match the Upload-Checksum sent with them",
                     *       "status": 460,
                     *       "detail": "The bytes received do not match the Upload-Checksum sent with them",
                     *       "instance": "/v1/bundles",
                     *       "code": "CHECKSUM_MISMATCH"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `QUOTA_EXCEEDED`: The API key's storage quota would be exceeded; `STORE_FULL`: The store has no space left */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/quota-exceeded",
                     *       "title": "The API key's storage quota would be exceeded",
                     *       "status": 507,
                     *       "detail": "The API key's storage quota would be exceeded",
                     *       "instance": "/v1/bundles",
                     *       "code": "QUOTA_EXCEEDED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TusController_discover: {
        parameters: {
            query?: never;
            header?: never;
            path?: never;
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Tus-Version, Tus-Extension, Tus-Max-Size, Tus-Checksum-Algorithm */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TusController_terminate: {
        parameters: {
            query?: never;
            header: {
                "Tus-Resumable": string;
            };
            path: {
                /** @description The upload's id, which becomes the stored file's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Terminated */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UPLOAD_NOT_FOUND`: No such upload, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/upload-not-found",
                     *       "title": "No such upload, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such upload, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "UPLOAD_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TUS_VERSION_UNSUPPORTED`: The tus protocol version is not supported */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/tus-version-unsupported",
                     *       "title": "The tus protocol version is not supported",
                     *       "status": 412,
                     *       "detail": "The tus protocol version is not supported",
                     *       "instance": "/v1/bundles",
                     *       "code": "TUS_VERSION_UNSUPPORTED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TusController_head: {
        parameters: {
            query?: never;
            header: {
                "Tus-Resumable": string;
            };
            path: {
                /** @description The upload's id, which becomes the stored file's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description Upload-Offset, Upload-Length, Upload-Metadata, Upload-Expires */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UPLOAD_NOT_FOUND`: No such upload, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/upload-not-found",
                     *       "title": "No such upload, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such upload, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "UPLOAD_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UPLOAD_EXPIRED`: The upload expired before it was finished */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/upload-expired",
                     *       "title": "The upload expired before it was finished",
                     *       "status": 410,
                     *       "detail": "The upload expired before it was finished",
                     *       "instance": "/v1/bundles",
                     *       "code": "UPLOAD_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TUS_VERSION_UNSUPPORTED`: The tus protocol version is not supported */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/tus-version-unsupported",
                     *       "title": "The tus protocol version is not supported",
                     *       "status": 412,
                     *       "detail": "The tus protocol version is not supported",
                     *       "instance": "/v1/bundles",
                     *       "code": "TUS_VERSION_UNSUPPORTED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    TusController_patch: {
        parameters: {
            query?: never;
            header: {
                /** @description <algorithm> <base64> of this request's bytes; algorithms: sha256, sha1, md5 */
                "Upload-Checksum"?: string;
                /** @description Where these bytes start: the offset HEAD reported */
                "Upload-Offset": string;
                "Tus-Resumable": string;
            };
            path: {
                /** @description The upload's id, which becomes the stored file's id */
                id: string;
            };
            cookie?: never;
        };
        requestBody: {
            content: {
                "application/offset+octet-stream": string;
            };
        };
        responses: {
            /** @description Upload-Offset: the new offset */
            204: {
                headers: {
                    [name: string]: unknown;
                };
                content?: never;
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UPLOAD_NOT_FOUND`: No such upload, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/upload-not-found",
                     *       "title": "No such upload, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such upload, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "UPLOAD_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UPLOAD_OFFSET_MISMATCH`: The upload is not at the offset the request starts from */
            409: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/upload-offset-mismatch",
                     *       "title": "The upload is not at the offset the request starts from",
                     *       "status": 409,
                     *       "detail": "The upload is not at the offset the request starts from",
                     *       "instance": "/v1/bundles",
                     *       "code": "UPLOAD_OFFSET_MISMATCH"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UPLOAD_EXPIRED`: The upload expired before it was finished */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/upload-expired",
                     *       "title": "The upload expired before it was finished",
                     *       "status": 410,
                     *       "detail": "The upload expired before it was finished",
                     *       "instance": "/v1/bundles",
                     *       "code": "UPLOAD_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TUS_VERSION_UNSUPPORTED`: The tus protocol version is not supported */
            412: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/tus-version-unsupported",
                     *       "title": "The tus protocol version is not supported",
                     *       "status": 412,
                     *       "detail": "The tus protocol version is not supported",
                     *       "instance": "/v1/bundles",
                     *       "code": "TUS_VERSION_UNSUPPORTED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The request body's media type is not accepted here */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unsupported-media-type",
                     *       "title": "The request body's media type is not accepted here",
                     *       "status": 415,
                     *       "detail": "The request body's media type is not accepted here",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNSUPPORTED_MEDIA_TYPE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `CHECKSUM_MISMATCH`: The bytes received do not match the Upload-Checksum sent with them */
            460: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/checksum-mismatch",
                     *       "title": "The bytes received do not match the Upload-Checksum sent with them",
                     *       "status": 460,
                     *       "detail": "The bytes received do not match the Upload-Checksum sent with them",
                     *       "instance": "/v1/bundles",
                     *       "code": "CHECKSUM_MISMATCH"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `QUOTA_EXCEEDED`: The API key's storage quota would be exceeded; `STORE_FULL`: The store has no space left */
            507: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/quota-exceeded",
                     *       "title": "The API key's storage quota would be exceeded",
                     *       "status": 507,
                     *       "detail": "The API key's storage quota would be exceeded",
                     *       "instance": "/v1/bundles",
                     *       "code": "QUOTA_EXCEEDED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ManifestController_export: {
        parameters: {
            query?: {
                /** @description Overrides `Accept`; CSV when neither says */
                format?: "csv" | "xlsx";
                /** @description A signed download link token, instead of the secret */
                token?: string;
            };
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            /** @description The manifest */
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "text/csv; charset=utf-8": string;
                    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FORBIDDEN`: The credential does not allow this */
            403: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/forbidden",
                     *       "title": "The credential does not allow this",
                     *       "status": 403,
                     *       "detail": "The credential does not allow this",
                     *       "instance": "/v1/bundles",
                     *       "code": "FORBIDDEN"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-not-found",
                     *       "title": "No such bundle, or the secret does not match it",
                     *       "status": 404,
                     *       "detail": "No such bundle, or the secret does not match it",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `NOT_ACCEPTABLE`: None of the accepted media types can be produced */
            406: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/not-acceptable",
                     *       "title": "None of the accepted media types can be produced",
                     *       "status": 406,
                     *       "detail": "None of the accepted media types can be produced",
                     *       "instance": "/v1/bundles",
                     *       "code": "NOT_ACCEPTABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `TOO_MANY_FILES`: Too many files */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/too-many-files",
                     *       "title": "Too many files",
                     *       "status": 422,
                     *       "detail": "Too many files",
                     *       "instance": "/v1/bundles",
                     *       "code": "TOO_MANY_FILES"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ImportsController_create: {
        parameters: {
            query?: {
                /** @description Download filename; default: the spreadsheet's name with `.zip`, else `bundle-<id>.zip` */
                filename?: string;
                public?: boolean;
                compression?: "store" | "auto" | "deflate";
                coverSheet?: boolean;
                expiresAt?: string;
            };
            header?: never;
            path?: never;
            cookie?: never;
        };
        /** @description A CSV (UTF-8; comma, semicolon or tab) or XLSX whose first row names the columns `src` and optionally `dst`; or a form with it as a file; or JSON `{"from": "store://<id>"}` */
        requestBody: {
            content: {
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "multipart/form-data": string;
                "application/json": string;
            };
        };
        responses: {
            201: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedImportDto"];
                };
            };
            /** @description Still running: poll `url` with the secret */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["CreatedImportDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_NOT_FOUND`: No such stored file, or it belongs to another API key */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-not-found",
                     *       "title": "No such stored file, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such stored file, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `IMPORT_TOO_LARGE`: The spreadsheet is larger than an import accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import-too-large",
                     *       "title": "The spreadsheet is larger than an import accepts",
                     *       "status": 413,
                     *       "detail": "The spreadsheet is larger than an import accepts",
                     *       "instance": "/v1/bundles",
                     *       "code": "IMPORT_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The request body's media type is not accepted here */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unsupported-media-type",
                     *       "title": "The request body's media type is not accepted here",
                     *       "status": 415,
                     *       "detail": "The request body's media type is not accepted here",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNSUPPORTED_MEDIA_TYPE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `IMPORT_INVALID`: Rows of the spreadsheet are not valid file references; `TOO_MANY_FILES`: Too many files */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import-invalid",
                     *       "title": "Rows of the spreadsheet are not valid file references",
                     *       "status": 422,
                     *       "detail": "Rows of the spreadsheet are not valid file references",
                     *       "instance": "/v1/bundles",
                     *       "code": "IMPORT_INVALID"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ImportsController_append: {
        parameters: {
            query?: never;
            header?: never;
            path: {
                id: unknown;
            };
            cookie?: never;
        };
        /** @description A CSV (UTF-8; comma, semicolon or tab) or XLSX whose first row names the columns `src` and optionally `dst`; or a form with it as a file; or JSON `{"from": "store://<id>"}` */
        requestBody: {
            content: {
                "text/csv": string;
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": string;
                "multipart/form-data": string;
                "application/json": string;
            };
        };
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDto"];
                };
            };
            /** @description Still running: poll `url` with the bundle secret */
            202: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDto"];
                };
            };
            /** @description `VALIDATION_FAILED`: The request is not valid */
            400: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/validation-failed",
                     *       "title": "The request is not valid",
                     *       "status": 400,
                     *       "detail": "The request is not valid",
                     *       "instance": "/v1/bundles",
                     *       "code": "VALIDATION_FAILED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNAUTHORIZED`: Authentication is required */
            401: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unauthorized",
                     *       "title": "Authentication is required",
                     *       "status": 401,
                     *       "detail": "Authentication is required",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNAUTHORIZED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `FILE_NOT_FOUND`: No such stored file, or it belongs to another API key; `BUNDLE_NOT_FOUND`: No such bundle, or the secret does not match it */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/file-not-found",
                     *       "title": "No such stored file, or it belongs to another API key",
                     *       "status": 404,
                     *       "detail": "No such stored file, or it belongs to another API key",
                     *       "instance": "/v1/bundles",
                     *       "code": "FILE_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `BUNDLE_EXPIRED`: The bundle has expired */
            410: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/bundle-expired",
                     *       "title": "The bundle has expired",
                     *       "status": 410,
                     *       "detail": "The bundle has expired",
                     *       "instance": "/v1/bundles",
                     *       "code": "BUNDLE_EXPIRED"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `IMPORT_TOO_LARGE`: The spreadsheet is larger than an import accepts */
            413: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import-too-large",
                     *       "title": "The spreadsheet is larger than an import accepts",
                     *       "status": 413,
                     *       "detail": "The spreadsheet is larger than an import accepts",
                     *       "instance": "/v1/bundles",
                     *       "code": "IMPORT_TOO_LARGE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `UNSUPPORTED_MEDIA_TYPE`: The request body's media type is not accepted here */
            415: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/unsupported-media-type",
                     *       "title": "The request body's media type is not accepted here",
                     *       "status": 415,
                     *       "detail": "The request body's media type is not accepted here",
                     *       "instance": "/v1/bundles",
                     *       "code": "UNSUPPORTED_MEDIA_TYPE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `IMPORT_INVALID`: Rows of the spreadsheet are not valid file references; `TOO_MANY_FILES`: Too many files */
            422: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import-invalid",
                     *       "title": "Rows of the spreadsheet are not valid file references",
                     *       "status": 422,
                     *       "detail": "Rows of the spreadsheet are not valid file references",
                     *       "instance": "/v1/bundles",
                     *       "code": "IMPORT_INVALID"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `SERVICE_UNAVAILABLE`: The service cannot take this request now */
            503: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/service-unavailable",
                     *       "title": "The service cannot take this request now",
                     *       "status": 503,
                     *       "detail": "The service cannot take this request now",
                     *       "instance": "/v1/bundles",
                     *       "code": "SERVICE_UNAVAILABLE"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
    ImportsController_get: {
        parameters: {
            query?: never;
            header: {
                /** @description The secret of the bundle imported into (or created) */
                "x-bundle-secret": string;
            };
            path: {
                id: string;
            };
            cookie?: never;
        };
        requestBody?: never;
        responses: {
            200: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    "application/json": components["schemas"]["ImportDto"];
                };
            };
            /** @description `IMPORT_NOT_FOUND`: No such import, or the secret does not match its bundle */
            404: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/import-not-found",
                     *       "title": "No such import, or the secret does not match its bundle",
                     *       "status": 404,
                     *       "detail": "No such import, or the secret does not match its bundle",
                     *       "instance": "/v1/bundles",
                     *       "code": "IMPORT_NOT_FOUND"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
            /** @description `INTERNAL_ERROR`: Internal error */
            500: {
                headers: {
                    [name: string]: unknown;
                };
                content: {
                    /**
                     * @example {
                     *       "type": "/problems/internal-error",
                     *       "title": "Internal error",
                     *       "status": 500,
                     *       "detail": "Internal error",
                     *       "instance": "/v1/bundles",
                     *       "code": "INTERNAL_ERROR"
                     *     }
                     */
                    "application/problem+json": components["schemas"]["ProblemDto"];
                };
            };
        };
    };
}
