import { Flex, Progress, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Job } from '../../../core/contract/index.js';
import { isActive, jobPercent, jobStateColour } from './jobStates.js';

/** A job as staff follow it: its state, a bar from 0 to 100 %, and what it is doing now. */
export function JobProgress({ job }: { job: Job }) {
  const { t } = useTranslation();
  const percent = jobPercent(job);
  const status = job.state === 'failed' ? 'exception' : job.state === 'done' ? 'success' : isActive(job) ? 'active' : 'normal';
  return (
    <Flex vertical gap={4} className="job-progress" data-testid="job-progress" data-state={job.state}>
      <Flex align="center" justify="space-between" gap="small">
        <Tag color={jobStateColour[job.state]} data-testid="job-state">
          {t(`jobs.states.${job.state}`)}
        </Tag>
        <Typography.Text type="secondary" className="job-message">
          {isActive(job) ? job.message : null}
          {isActive(job) && job.total ? ` · ${t('jobs.pages', { done: job.done, total: job.total })}` : null}
        </Typography.Text>
      </Flex>
      <Progress percent={percent} status={status} aria-label={t('jobs.progress')} />
    </Flex>
  );
}
