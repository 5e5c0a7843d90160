import { BundleEntity } from '../bundles/persistence/bundle.entity.js';
import { BundleFileEntity } from '../bundles/persistence/bundle-file.entity.js';
import { LayoutJobEntity } from '../layouts/persistence/layout-job.entity.js';
import { ImportEntity } from '../manifests/import/persistence/import.entity.js';
import { ImportRowEntity } from '../manifests/import/persistence/import-row.entity.js';
import { PendingUploadEntity } from '../store/persistence/pending-upload.entity.js';
import { StoredFileEntity } from '../store/persistence/stored-file.entity.js';

export const ENTITIES = [BundleEntity, BundleFileEntity, LayoutJobEntity, StoredFileEntity, PendingUploadEntity, ImportEntity, ImportRowEntity];
