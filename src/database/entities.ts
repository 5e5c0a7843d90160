import { BundleEntity } from '../bundles/persistence/bundle.entity.js';
import { BundleFileEntity } from '../bundles/persistence/bundle-file.entity.js';
import { LayoutJobEntity } from '../layouts/persistence/layout-job.entity.js';

export const ENTITIES = [BundleEntity, BundleFileEntity, LayoutJobEntity];
