// The data import tab (数据导入) of the workbench: upload a file and see the recent imports, or
// work through one import's preview until it is committed or discarded.
import type { FeatureCollection } from 'geojson';
import { type DragEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { BBox } from '../../api/types.ts';
import { ImportList } from './import-list.tsx';
import { ImportPreview } from './import-preview.tsx';
import { useUploadImport } from './import-queries.ts';
import { ImportUpload } from './import-upload.tsx';
import './imports.css';

interface ImportPanelProps {
  onShowArea: (bbox: BBox, maxZoom: number) => void;
  onPreview: (overlay: FeatureCollection | null) => void;
}

export function ImportPanel({ onShowArea, onPreview }: ImportPanelProps) {
  const { t } = useTranslation();
  const [openId, setOpenId] = useState<number | null>(null);
  const upload = useUploadImport((detail) => setOpenId(detail.id));
  const [dragging, setDragging] = useState(false);
  if (openId !== null) {
    return (
      <ImportPreview
        key={openId}
        id={openId}
        onBack={() => {
          upload.reset();
          setOpenId(null);
        }}
        onShowArea={onShowArea}
        onPreview={onPreview}
      />
    );
  }
  const carriesFile = (event: DragEvent) => event.dataTransfer.types.includes('Files');
  return (
    <section
      className="imports"
      aria-label={t('imports.tab')}
      data-testid="imports"
      onDragOver={(event) => {
        if (!carriesFile(event) || upload.isPending) return;
        event.preventDefault();
        event.dataTransfer.dropEffect = 'copy';
        setDragging(true);
      }}
      onDragLeave={(event) => {
        // Leaving for a child element is not leaving the panel.
        if (!event.currentTarget.contains(event.relatedTarget as Node | null)) setDragging(false);
      }}
      onDrop={(event) => {
        event.preventDefault();
        setDragging(false);
        const file = event.dataTransfer.files[0];
        if (file && !upload.isPending) upload.mutate(file);
      }}
    >
      <ImportUpload upload={upload} dragging={dragging} />
      <ImportList onOpen={setOpenId} />
    </section>
  );
}
