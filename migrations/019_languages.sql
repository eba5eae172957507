-- Canned replies in any enabled language (locales/<code>.json), not only English and Spanish: the code's shape is
-- checked here, and staff may only pick an enabled language (the console checks LANGUAGES).
ALTER TABLE canned_responses DROP CONSTRAINT IF EXISTS canned_responses_language_check;
ALTER TABLE canned_responses ADD CONSTRAINT canned_responses_language_check
  CHECK (language ~ '^[a-z]{2,3}(-[A-Z][a-z]{3})?(-[A-Z]{2})?$');

-- The two starter replies in the other shipped languages (to be reviewed by native speakers, as the locales are).
INSERT INTO canned_responses (language, title, body) VALUES
  ('ht', 'Ekip pwograme', 'Mèsi pou rapò ou. Yon ekip ap vin gade l semèn sa a.'),
  ('ht', 'Plis detay', 'Mèsi pou rapò ou. Èske ou ka ban nou nimewo kay ki pi pre a oswa lari ki kwaze a?'),
  ('pt', 'Equipe agendada', 'Obrigado pelo seu relato. Uma equipe vai verificar esta semana.'),
  ('pt', 'Mais detalhes', 'Obrigado pelo seu relato. Pode nos dizer o número da casa ou a rua mais próxima?'),
  ('zh-Hans', '已安排人员', '感谢您的报告。我们已安排工作人员本周前往查看。'),
  ('zh-Hans', '需要更多信息', '感谢您的报告。请告诉我们最近的门牌号码或交叉路口。'),
  ('zh-Hant', '已安排人員', '感謝您的報告。我們已安排工作人員本週前往查看。'),
  ('zh-Hant', '需要更多資訊', '感謝您的報告。請告訴我們最近的門牌號碼或交叉路口。'),
  ('vi', 'Đã lên lịch', 'Cảm ơn bạn đã báo. Nhân viên sẽ đến xem trong tuần này.'),
  ('vi', 'Cần thêm chi tiết', 'Cảm ơn bạn đã báo. Bạn có thể cho biết số nhà hoặc ngã tư gần nhất không?'),
  ('ru', 'Бригада назначена', 'Спасибо за заявку. Бригада посмотрит на этой неделе.'),
  ('ru', 'Нужны подробности', 'Спасибо за заявку. Подскажите ближайший номер дома или перекрёсток?'),
  ('ar', 'تم تحديد موعد', 'شكرًا على بلاغك. سيعاين فريق العمل المكان هذا الأسبوع.'),
  ('ar', 'نحتاج تفاصيل أكثر', 'شكرًا على بلاغك. هل يمكنك إخبارنا بأقرب رقم مبنى أو تقاطع؟'),
  ('fr', 'Équipe prévue', 'Merci pour votre signalement. Une équipe passera voir cette semaine.'),
  ('fr', 'Plus de détails', 'Merci pour votre signalement. Pouvez-vous nous donner le numéro ou le croisement le plus proche ?');
