import { BundleEntity } from '../bundles/persistence/bundle.entity.js';
import { BundleFileEntity } from '../bundles/persistence/bundle-file.entity.js';

export const ENTITIES = [BundleEntity, BundleFileEntity];
